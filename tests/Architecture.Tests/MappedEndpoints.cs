using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.Architecture.Tests;

/// <summary>One HTTP endpoint as its service maps it: a method, a route and the endpoint's metadata.</summary>
public sealed record MappedEndpoint(string Service, string Method, string Route, EndpointMetadataCollection Metadata)
{
    public override string ToString() => $"{Service}: {Method} {Route}";

    /// <summary>Every (method, route) of the endpoints in <paramref name="source"/>, gRPC left out (it is not REST).</summary>
    public static IEnumerable<MappedEndpoint> From(string service, EndpointDataSource source) =>
        source.Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => !endpoint.Metadata.Any(m => m.GetType().Name == "GrpcMethodMetadata")
                               && !endpoint.RoutePattern.RawText!.Contains("{unimplementedMethod", StringComparison.Ordinal))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new MappedEndpoint(
                    service, method, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), endpoint.Metadata)));
}

/// <summary>
/// The endpoints each service maps, read from its own Program the way the test hosts start it, but on an in-memory
/// server with no background job: no database, broker or Redis is reached.
/// </summary>
public static class MappedEndpoints
{
    private static readonly Lazy<IReadOnlyList<MappedEndpoint>> All = new(ReadAll);

    public static IReadOnlyList<MappedEndpoint> OfEveryService => All.Value;

    private static List<MappedEndpoint> ReadAll() =>
    [
        .. Read<Governance.Api.Program>("governance"),
        .. Read<Fees.Api.Program>("fees"),
        .. Read<Funds.Api.Program>("funds"),
        .. Read<Parking.Api.Program>("parking"),
        .. Read<ElderCare.Api.Program>("eldercare"),
        .. Read<Identity.Api.Program>("identity"),
    ];

    private static List<MappedEndpoint> Read<TProgram>(string service) where TProgram : class
    {
        using var host = new Unstarted<TProgram>(service);
        return [.. MappedEndpoint.From(service, host.Services.GetRequiredService<EndpointDataSource>())];
    }

    private sealed class Unstarted<TProgram>(string service) : WebApplicationFactory<TProgram> where TProgram : class
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{service}"] = "Host=127.0.0.1;Database=unused",
                ["Database:MigrateOnStartup"] = "false",
            }));
            // The web host's own service stays (it starts the in-memory server); the platform's jobs and the bus do not run,
            // and no option is checked: keys and addresses are not needed to map routes.
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IStartupValidator>();
                foreach (var job in services.Where(d => d.ServiceType == typeof(IHostedService) && !IsWebHost(d)).ToList())
                {
                    services.Remove(job);
                }
            });
        }

        private static bool IsWebHost(ServiceDescriptor descriptor) =>
            descriptor.ImplementationType?.Namespace?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true;
    }
}
