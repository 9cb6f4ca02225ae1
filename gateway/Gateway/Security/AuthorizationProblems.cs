using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using Platform.BuildingBlocks.Errors;
using Platform.Gateway.Resources;

namespace Platform.Gateway.Security;

/// <summary>
/// A refused request gets the usual challenge (401 with WWW-Authenticate) or 403, and a problem body with a stable type
/// and zh-CN/en title, like every other error of the platform. The request never reaches a service.
/// </summary>
public sealed class AuthorizationProblems(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    public static readonly string UnauthorizedType = ProblemTypes.For("unauthorized");
    public static readonly string ForbiddenType = ProblemTypes.For("forbidden");

    private readonly AuthorizationMiddlewareResultHandler _challengeOrForbid = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        await _challengeOrForbid.HandleAsync(next, context, policy, authorizeResult);
        if (context.Response.HasStarted || !(authorizeResult.Challenged || authorizeResult.Forbidden))
        {
            return;
        }

        var problem = authorizeResult.Challenged
            ? new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Type = UnauthorizedType,
                Title = GatewayText.Messages["problem.unauthorized"],
                Detail = GatewayText.Messages["problem.unauthorized.detail"],
            }
            : new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Type = ForbiddenType,
                Title = GatewayText.Messages["problem.forbidden"],
                Detail = GatewayText.Messages["problem.forbidden.detail"],
            };
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
