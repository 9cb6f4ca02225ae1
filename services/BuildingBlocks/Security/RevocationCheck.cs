using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// Fail closed for writes when revocations cannot be checked (Redis unreachable or not yet rebuilt): a revoked
/// client must not change anything. Reads proceed: refusing them would turn a Redis outage into a platform outage,
/// and a read reveals no more than the client could see until it was revoked (ADR-014).
/// </summary>
public sealed class RevocationCheck(RequestDelegate next)
{
    public const string ProblemCode = "revocation-check-unavailable";

    private static readonly object UnknownKey = new();

    public static void MarkUnknown(HttpContext context) => context.Items[UnknownKey] = true;

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var method = context.Request.Method;
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
        if (read || !context.Items.ContainsKey(UnknownKey))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemTypes.For(ProblemCode),
                Title = Text.Common["problem.revocation_check_unavailable"],
                Detail = Text.Common["problem.revocation_check_unavailable.detail"],
            },
        });
    }
}
