using System.Net.Http.Json;
using Platform.BuildingBlocks.Registry;
using Platform.Governance.Tests;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

/// <summary>The whole platform in one process: five services and the gateway, on real ports and servers.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public static readonly string[] Consumers = ["fees", "funds", "parking", "eldercare"];

    public ServiceHost<Governance.Api.Program> Governance { get; } = new("governance");

    /// <summary>Every service host, governance first.</summary>
    public IEnumerable<IServiceHost> ServiceHosts => ConsumerHosts.Values.Prepend(Governance);

    public IReadOnlyDictionary<string, IServiceHost> ConsumerHosts { get; } = new Dictionary<string, IServiceHost>
    {
        ["fees"] = new ServiceHost<Fees.Api.Program>("fees"),
        ["funds"] = new ServiceHost<Funds.Api.Program>("funds"),
        ["parking"] = new ServiceHost<Parking.Api.Program>("parking"),
        ["eldercare"] = new ServiceHost<ElderCare.Api.Program>("eldercare"),
    };

    public ServiceHost<Gateway.Program> Gateway { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public RegistryClient Registry => new(Client);

    public async Task InitializeAsync()
    {
        await Governance.StartAsync();
        await Task.WhenAll(ConsumerHosts.Values.Select(host => host.StartAsync()));

        var routes = new Dictionary<string, string?>
        {
            // The access matrix sends hundreds of requests; the rate limits have their own tests.
            ["RateLimits:AnonymousPerMinute"] = "100000",
            ["RateLimits:ClientPerMinute"] = "100000",
            ["RateLimits:OwnerPerMinute"] = "100000",
            ["ReverseProxy:Clusters:governance:Destinations:primary:Address"] = Governance.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:governance-grpc:Destinations:primary:Address"] = Governance.GrpcAddress.ToString(),
        };
        foreach (var name in Consumers)
        {
            routes[$"ReverseProxy:Clusters:{name}:Destinations:primary:Address"] = ConsumerHosts[name].HttpAddress.ToString();
            routes[$"ReverseProxy:Clusters:{name}-grpc:Destinations:primary:Address"] = ConsumerHosts[name].GrpcAddress.ToString();
        }

        Gateway = new ServiceHost<Gateway.Program>("gateway", routes);
        await Gateway.StartAsync();
        Client = Gateway.CreateHttpClient().WithToken(TestTokens.Registrar);
    }

    /// <summary>Waits until every consuming service's read model, read through the gateway, holds the unit.</summary>
    public async Task UnitReachesEveryService(Guid unitId, TimeSpan timeout)
    {
        foreach (var service in Consumers)
        {
            await Eventually.Until(
                async () => (await Client.GetAsync($"/api/{service}/v1/registry/units/{unitId}")).IsSuccessStatusCode,
                timeout,
                $"unit {unitId} in {service}'s read model");
        }
    }

    public async Task<RegistryUnitResponse> UnitIn(string service, Guid unitId) =>
        (await Client.GetFromJsonAsync<RegistryUnitResponse>($"/api/{service}/v1/registry/units/{unitId}", RegistryClient.Json))!;

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Gateway.DisposeAsync();
        foreach (var host in ConsumerHosts.Values)
        {
            await host.DisposeAsync();
        }

        await Governance.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
