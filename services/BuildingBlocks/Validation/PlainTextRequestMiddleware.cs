using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Validation;

/// <summary>
/// The text a request carries outside its JSON body (the JSON is checked by <see cref="PlainTextJsonConverter"/>): the path,
/// every query value and a text body (a CSV import, a bank statement). A control character in any is a 400 naming it.
/// </summary>
public sealed class PlainTextRequestMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (await FirstForbiddenFieldAsync(context.Request) is { } field)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [field] = [Text.Common["error.control_characters"]],
                })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Type = ProblemTypes.ControlCharacters,
                    Title = Text.Common["problem.control_characters"],
                },
            });
            return;
        }

        await next(context);
    }

    private static async Task<string?> FirstForbiddenFieldAsync(HttpRequest request)
    {
        if (request.Path.Value is { } path && !PlainText.IsAllowed(path))
        {
            return "path";
        }

        foreach (var (name, values) in request.Query)
        {
            if (!PlainText.IsAllowed(name) || values.Any(value => value is not null && !PlainText.IsAllowed(value)))
            {
                return PlainText.IsAllowed(name) ? name : "query";
            }
        }

        if (request.ContentType is { } type && type.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            // Bodies are capped at Limits:MaxRequestBodyBytes (1 MiB by default), so reading one twice costs little.
            request.EnableBuffering();
            using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            request.Body.Position = 0;
            return PlainText.IsAllowed(body) ? null : "body";
        }

        return null;
    }
}
