using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Platform.Gateway.Proxy;

/// <summary>
/// Headers a caller could use to pose as someone or somewhere else never reach a service: for every route the gateway
/// drops the client's forwarding headers (Forwarded, X-Forwarded-*, X-Real-IP, X-Original-* ...), anything named
/// X-Platform-* (reserved for the gateway) and the Cookie header (the API is token-based), then sets X-Forwarded-For,
/// -Proto, -Host and -Prefix itself from the connection. Hop-by-hop headers: YARP and <see cref="HopByHopHeaders"/>.
/// </summary>
public sealed class SpoofableHeaders : ITransformProvider
{
    private static readonly string[] Names =
    [
        "Forwarded", "X-Real-IP", "True-Client-IP", "X-Client-IP", "X-Cluster-Client-IP", "Cookie",
    ];

    private static readonly string[] Prefixes = ["X-Forwarded-", "X-Original-", "X-Platform-"];

    public static bool IsSpoofable(string header) =>
        Names.Contains(header, StringComparer.OrdinalIgnoreCase)
        || Prefixes.Any(prefix => header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        context.AddRequestTransform(RemoveSpoofable);
        // After the removal: the gateway's own values replace whatever the client sent ("Set", not "Append").
        context.AddXForwarded(ForwardedTransformActions.Set);
    }

    private static ValueTask RemoveSpoofable(RequestTransformContext transform)
    {
        foreach (var header in transform.HttpContext.Request.Headers.Keys)
        {
            if (IsSpoofable(header))
            {
                RequestTransform.RemoveHeader(transform, header);
            }
        }

        return ValueTask.CompletedTask;
    }
}
