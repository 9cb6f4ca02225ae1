using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Platform.Gateway.Proxy;

/// <summary>
/// YARP drops the fixed hop-by-hop headers (Connection, Keep-Alive, Proxy-Connection, TE, Upgrade ...) but forwards
/// the headers a client nominates in its Connection header ("Connection: X-Secret" + "X-Secret: ..."), which RFC 9110
/// §7.6.1 says are for the next hop only. This drops those too, before the gateway sets its own X-Forwarded-* values.
/// </summary>
public sealed class HopByHopHeaders : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.AddRequestTransform(RemoveConnectionNominated);

    private static ValueTask RemoveConnectionNominated(RequestTransformContext transform)
    {
        var connection = transform.HttpContext.Request.Headers.Connection;
        foreach (var value in connection)
        {
            foreach (var token in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                RequestTransform.RemoveHeader(transform, token);
            }
        }

        return ValueTask.CompletedTask;
    }
}
