using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Platform.AppHost;

/// <summary>A service's project resource and the ports it listens on.</summary>
public sealed record PlatformService(IResourceBuilder<ProjectResource> Resource, HostPorts Ports);

/// <summary>How the platform's hosts become Aspire project resources.</summary>
public static class PlatformResources
{
    private const string HttpEndpoint = "http";
    private const string GrpcEndpoint = "grpc";

    /// <summary>Gate controllers' feeds: internal gRPC (governance's look-ups) is never routed through the gateway.</summary>
    private const string PartnerGrpcService = "parking";
    private const string Loopback = "127.0.0.1";

    /// <summary>"true": the gateway trusts X-Forwarded-For from loopback (a local reverse proxy in front of it).</summary>
    public const string TrustLoopbackProxyVariable = "PLATFORM_TRUST_LOOPBACK_PROXY";

    public static PlatformService AddPlatformService<TProject>(
        this IDistributedApplicationBuilder builder, HostPorts ports, PlatformInfrastructure infrastructure, PlatformAuth auth)
        where TProject : IProjectMetadata, new() =>
        new(builder.AddPlatformHost<TProject>(ports, infrastructure, auth), ports);

    /// <summary>
    /// The identity service: the only host given the private signing key, and the bootstrap administrator
    /// (Identity:BootstrapClients:1; entry 0, the owners' app, is in its appsettings.json).
    /// </summary>
    public static PlatformService AddIdentityService<TProject>(
        this IDistributedApplicationBuilder builder, HostPorts ports, HostPorts governance, PlatformInfrastructure infrastructure, PlatformAuth auth)
        where TProject : IProjectMetadata, new()
    {
        const string Admin = "Identity__BootstrapClients__1__";
        var identity = builder.AddPlatformHost<TProject>(ports, infrastructure, auth)
            .WithEnvironment(PlatformAuth.PrivateKeyVariable, auth.PrivateKey)
            // Owners are looked up by phone on governance's gRPC port (the same as its appsettings.Development.json).
            .WithEnvironment("Services__Governance__Grpc", Address(governance.Grpc))
            .WithEnvironment(Admin + "ClientId", PlatformAuth.AdminClientId)
            .WithEnvironment(Admin + "DisplayName", PlatformAuth.AdminDisplayName)
            .WithEnvironment(Admin + "Secret", auth.AdminSecret)
            .WithEnvironment(Admin + "OrganisationType", PlatformAuth.AdminOrganisationType);
        for (var i = 0; i < PlatformAuth.AdminScopes.Count; i++)
        {
            string name = Admin + "Scopes__" + i.ToString(CultureInfo.InvariantCulture), scope = PlatformAuth.AdminScopes[i];
            identity.WithEnvironment(name, scope);
        }

        return new PlatformService(identity, ports);
    }

    /// <summary>The gateway, pointed at each service's fixed ports and started once every service is ready.</summary>
    public static IResourceBuilder<ProjectResource> AddGateway<TProject>(
        this IDistributedApplicationBuilder builder, HostPorts ports, IEnumerable<PlatformService> services, PlatformInfrastructure infrastructure,
        PlatformAuth auth)
        where TProject : IProjectMetadata, new()
    {
        var gateway = builder.AddPlatformHost<TProject>(ports, infrastructure, auth);
        foreach (var service in services)
        {
            // Cluster "<service>" is the REST port; "parking-grpc" parking's gRPC port, the only gRPC the gateway routes
            // (gateway appsettings.json). Plain strings on purpose: an interpolated string argument binds to the
            // ReferenceExpression overload (CS0315).
            string rest = Address(service.Ports.Http), grpc = Address(service.Ports.Grpc);
            gateway.WithEnvironment(ClusterAddress(service.Ports.Name), rest).WaitFor(service.Resource);
            if (service.Ports.Name == PartnerGrpcService)
            {
                gateway.WithEnvironment(ClusterAddress($"{service.Ports.Name}-grpc"), grpc);
            }
        }

        return gateway;
    }

    /// <summary>
    /// Only when <see cref="TrustLoopbackProxyVariable"/> says so: otherwise any program on this machine could name any
    /// client address in X-Forwarded-For and spend (or dodge) someone else's rate limit (Gateway:TrustedProxies).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLoopbackProxyTrustedWhenTold(
        this IResourceBuilder<ProjectResource> gateway, IConfiguration configuration)
    {
        if (!string.Equals(configuration[TrustLoopbackProxyVariable], "true", StringComparison.OrdinalIgnoreCase))
        {
            return gateway;
        }

        return gateway
            .WithEnvironment("Gateway__TrustedProxies__0", "127.0.0.1/32")
            .WithEnvironment("Gateway__TrustedProxies__1", "::1/128");
    }

    private static IResourceBuilder<ProjectResource> AddPlatformHost<TProject>(
        this IDistributedApplicationBuilder builder, HostPorts ports, PlatformInfrastructure infrastructure, PlatformAuth auth)
        where TProject : IProjectMetadata, new() =>
        // No launch profile: the projects carry none, and the ports below are the only ones they should use.
        // DCP starts the project with `dotnet run --no-build`, so it must be built first (run.sh builds this app host,
        // whose project references build every host).
        builder.AddProject<TProject>(ports.Name, launchProfileName: null)
            // isProxied: false: the host itself listens on the fixed port (Kestrel, from Ports:Http/Ports:Grpc);
            // Aspire only records the URL. With a proxy Aspire would bind the port and forward to a random one.
            .WithHttpEndpoint(port: ports.Http, name: HttpEndpoint, isProxied: false)
            .WithEndpoint(port: ports.Grpc, scheme: "http", name: GrpcEndpoint, isProxied: false)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithEnvironment("DOTNET_ENVIRONMENT", "Development")
            // Explicit Kestrel listeners win over the ASPNETCORE_URLS Aspire derives from the endpoints (Kestrel logs
            // "Overriding address(es)"): the gRPC port must be HTTP/2 only, which a URL cannot say.
            .WithEnvironment("Ports__Http", ports.Http.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Ports__Grpc", ports.Grpc.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Ports__Bind", Loopback)
            .WithEnvironment(PlatformInfrastructure.PostgresVariable, infrastructure.Postgres)
            // The services connect as the runtime role, which owns nothing (ServiceDatabase); the owner only migrates.
            .WithEnvironment(PlatformInfrastructure.PostgresRuntimeVariable, infrastructure.PostgresRuntime)
            .WithEnvironment(PlatformInfrastructure.RabbitMqVariable, infrastructure.RabbitMqAs(ports.Name))
            .WithEnvironment(PlatformInfrastructure.RedisVariable, infrastructure.RedisAs(ports.Name))
            // Every host validates access tokens against the identity service's public key (the gateway too).
            .WithEnvironment(PlatformAuth.PublicKeyVariable, auth.PublicKey)
            // Plain HTTP probe of the host's own readiness (database, broker, Redis): WaitFor needs no https.
            .WithHttpHealthCheck("/health/ready", endpointName: HttpEndpoint);

    private static string Address(int port) => $"http://{Loopback}:{port.ToString(CultureInfo.InvariantCulture)}";

    private static string ClusterAddress(string cluster) => $"ReverseProxy__Clusters__{cluster}__Destinations__primary__Address";
}
