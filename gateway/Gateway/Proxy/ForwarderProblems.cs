using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Errors;
using Platform.Gateway.Resources;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Proxy;

/// <summary>
/// YARP answers its own failures with a bare status: 413 for a body over the route's limit (Limits:MaxRequestBodyBytes,
/// or the route's MaxRequestBodySize), 502/503/504 when the service is down or slow. This step writes problem details
/// with a stable type and zh-CN/en text for them, as the services do for their own errors. A service that could not be
/// reached at all (its port refuses, no destination is up) got nothing of the request, so that is a 503 with Retry-After
/// (Faults:RetryAfter, as the services' own 503s); a failure after the request went out stays 502, a timeout 504.
/// </summary>
public static class ForwarderProblems
{
    public static readonly string ServiceUnavailableType = ProblemTypes.ServiceUnavailable;

    public static IReverseProxyApplicationBuilder UseForwarderProblems(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            await next();
            if (context.Response.HasStarted || context.GetForwarderErrorFeature() is not { } error)
            {
                return;
            }

            if (NothingReachedTheService(error))
            {
                var faults = context.RequestServices.GetRequiredService<IOptions<TransientFaultOptions>>().Value;
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            }

            if (ProblemFor(context.Response.StatusCode) is not { } problem)
            {
                return;
            }

            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
        });
        return proxy;
    }

    private static bool NothingReachedTheService(IForwarderErrorFeature error) =>
        error.Error == ForwarderError.NoAvailableDestinations
        || (error.Error == ForwarderError.Request
            && error.Exception is HttpRequestException
            {
                HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
            });

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
