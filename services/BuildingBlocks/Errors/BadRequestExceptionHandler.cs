using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// Turns a body that cannot be read (malformed JSON, a wrong type, a query value that does not parse)
/// into a 400 naming the field, never a 500.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var status = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? StatusCodes.Status413PayloadTooLarge
            : StatusCodes.Status400BadRequest;
        var field = FieldOf(badRequest);
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = [Text.Common["error.malformed"]],
        })
        {
            Status = status,
            Type = status == StatusCodes.Status413PayloadTooLarge ? ProblemTypes.PayloadTooLarge : ProblemTypes.MalformedRequest,
            Title = Text.Common[status == StatusCodes.Status413PayloadTooLarge ? "problem.payload_too_large" : "problem.malformed"],
        };
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static string FieldOf(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException { Path: { Length: > 0 } path })
        {
            return path.TrimStart('$').TrimStart('.') is { Length: > 0 } trimmed ? trimmed : "body";
        }

        // Minimal APIs name the parameter in the message: 'Failed to bind parameter "int page" from "x".'
        var message = exception.Message;
        var start = message.IndexOf('"');
        var end = start >= 0 ? message.IndexOf('"', start + 1) : -1;
        if (start >= 0 && end > start)
        {
            var declaration = message[(start + 1)..end];
            var name = declaration.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            if (!string.IsNullOrEmpty(name))
            {
                // [AsParameters] records declare "Status"; the client sent "status".
                return JsonNamingPolicy.CamelCase.ConvertName(name);
            }
        }

        return "body";
    }
}
