using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Platform.BuildingBlocks.Validation;

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
        var (type, title, error) = badRequest.InnerException switch
        {
            _ when status == StatusCodes.Status413PayloadTooLarge =>
                (ProblemTypes.PayloadTooLarge, Text.Common["problem.payload_too_large"], Text.Common["error.malformed"]),
            ControlCharacterException =>
                (ProblemTypes.ControlCharacters, Text.Common["problem.control_characters"], Text.Common["error.control_characters"]),
            ImplausibleDateException => (ProblemTypes.Validation, Text.Common["problem.validation"],
                Text.Common.Format("error.out_of_range", PlausibleDates.Earliest.ToString("O"), PlausibleDates.Latest.ToString("O"))),
            _ => (ProblemTypes.MalformedRequest, Text.Common["problem.malformed"], Text.Common["error.malformed"]),
        };
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [error] })
        {
            Status = status,
            Type = type,
            Title = title,
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
