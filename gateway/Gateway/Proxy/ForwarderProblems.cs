using Microsoft.AspNetCore.Mvc;
using Platform.BuildingBlocks.Errors;
using Platform.Gateway.Resources;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Proxy;

/// <summary>
/// YARP answers its own failures with a bare status: 413 for a body over the route's limit (Limits:MaxRequestBodyBytes,
/// or the route's MaxRequestBodySize), 502/503/504 when the service is down or slow. This step writes problem details
/// with a stable type and zh-CN/en text for them, as the services do for their own errors.
/// </summary>
public static class ForwarderProblems
{
    public static readonly string ServiceUnavailableType = ProblemTypes.For("service-unavailable");

    public static IReverseProxyApplicationBuilder UseForwarderProblems(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            await next();
            if (context.Response.HasStarted || context.GetForwarderErrorFeature() is null
                || ProblemFor(context.Response.StatusCode) is not { } problem)
            {
                return;
            }

            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
        });
        return proxy;
    }

    private static ProblemDetails? ProblemFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => new ProblemDetails
        {
            Status = status,
            Type = ProblemTypes.PayloadTooLarge,
            Title = Text.Common["problem.payload_too_large"],
        },
        StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout => new ProblemDetails
        {
            Status = status,
            Type = ServiceUnavailableType,
            Title = GatewayText.Messages["problem.service_unavailable"],
            Detail = GatewayText.Messages["problem.service_unavailable.detail"],
        },
        _ => null,
    };
}
