using System.Net.Http.Json;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Tests;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

/// <summary>The whole platform in one process: five services and the gateway, on real ports and servers.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    /// <summary>The services that keep a registry read model from governance's events.</summary>
    public static readonly string[] Consumers = ["fees", "funds", "parking", "eldercare", "identity"];

    public const string AdminClientId = "county-housing-admin";

    /// <summary>The bootstrap administrator's secret, as a Kubernetes secret would give it.</summary>
    public static readonly string AdminSecret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    /// <summary>Governance on a clock a test may move: a vote opens after 15 days' notice and runs for at least 7.</summary>
    public ClockedServiceHost<Governance.Api.Program> Governance { get; } = new("governance", new TestClock());

    public PlatformFixture()
    {
        Identity = new ServiceHost<Identity.Api.Program>("identity", new Dictionary<string, string?>
        {
            ["Identity:SigningKey"] = TestTokens.PrivateKeyPem,
            ["Services:Governance:Grpc"] = Governance.GrpcAddress.ToString(),
            // A flushed revocation set comes back within a second (RevocationTests).
            ["Identity:Revocations:RepublishInterval"] = "00:00:01",
            // Entry 0 is the owners' app (the service's appsettings.json); the administrator comes from a secret.
            ["Identity:BootstrapClients:1:ClientId"] = AdminClientId,
            ["Identity:BootstrapClients:1:Secret"] = AdminSecret,
            ["Identity:BootstrapClients:1:OrganisationType"] = OrganisationTypes.Housing,
            ["Identity:BootstrapClients:1:Scopes:0"] = Scopes.IdentityAdmin,
            ["Identity:BootstrapClients:1:Scopes:1"] = Scopes.GovernanceRead,
        });
        ConsumerHosts = new Dictionary<string, IServiceHost>
        {
            ["fees"] = new ServiceHost<Fees.Api.Program>("fees"),
            ["funds"] = Funds,
            ["parking"] = new ServiceHost<Parking.Api.Program>("parking"),
            ["eldercare"] = new ServiceHost<ElderCare.Api.Program>("eldercare"),
            ["identity"] = Identity,
        };
    }

    public ServiceHost<Identity.Api.Program> Identity { get; }

    /// <summary>Funds on a clock a test may move: a repair's publicity runs for days.</summary>
    public ClockedServiceHost<Funds.Api.Program> Funds { get; } = new("funds", new TestClock());

    /// <summary>Every service host, governance first.</summary>
    public IEnumerable<IServiceHost> ServiceHosts => ConsumerHosts.Values.Prepend(Governance);

    public IReadOnlyDictionary<string, IServiceHost> ConsumerHosts { get; }

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
        };
        foreach (var name in Consumers)
        {
            var host = ConsumerHosts[name];
            routes[$"ReverseProxy:Clusters:{name}:Destinations:primary:Address"] = host.HttpAddress.ToString();
        }

        // The only partner-facing gRPC: gate controllers' feeds (the gateway routes no other gRPC).
        routes["ReverseProxy:Clusters:parking-grpc:Destinations:primary:Address"] = ConsumerHosts["parking"].GrpcAddress.ToString();

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
