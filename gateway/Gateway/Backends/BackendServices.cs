using Yarp.ReverseProxy;

namespace Platform.Gateway.Backends;

/// <summary>A platform service behind the gateway and the address of its REST port.</summary>
public sealed record BackendService(string Name, Uri? Address);

/// <summary>
/// The services behind the gateway, read from the live YARP configuration: cluster "fees" is the Fees service's
/// REST port ("fees-grpc" its gRPC port), so docs and health follow whatever addresses configuration gives.
/// </summary>
public sealed class BackendServices(IProxyStateLookup proxyState)
{
    /// <summary>The one destination every cluster has; configuration overrides its address.</summary>
    public const string PrimaryDestination = "primary";

    private const string GrpcClusterSuffix = "-grpc";

    public IReadOnlyList<BackendService> All() =>
        proxyState.GetClusters()
            .Where(cluster => !cluster.ClusterId.EndsWith(GrpcClusterSuffix, StringComparison.Ordinal))
            .Select(cluster => new BackendService(
                cluster.ClusterId,
                cluster.Destinations.TryGetValue(PrimaryDestination, out var destination)
                    ? new Uri(destination.Model.Config.Address)
                    : null))
            .OrderBy(service => service.Name, StringComparer.Ordinal)
            .ToList();
}
