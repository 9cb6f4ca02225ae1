using System.Net.Http.Headers;
using Platform.TestKit;

namespace Platform.Gateway.Tests;

/// <summary>
/// Two gateway replicas ("front" and "replica") sharing Redis, in front of a real governance service and an echo
/// backend standing in for fees, funds, parking, eldercare and identity. Limits are small so tests can exceed them:
/// 10 requests a minute per client, 5 per owner. Every run counts under its own Redis key prefix, inside the
/// gateway's own ("gateway:", the only keys its Redis user may touch).
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const int ClientPerMinute = 10;
    public const int OwnerPerMinute = 5;
    public const string BulkClientId = "bulk-feed";
    public const int BulkClientPerMinute = 15;
    public const string UnguardedPath = "/unguarded";

    public static readonly string[] EchoedServices = ["fees", "funds", "parking", "eldercare", "identity"];

    public ServiceHost<Governance.Api.Program> Governance { get; } = new("governance");

    public EchoBackend Echo { get; private set; } = null!;

    public GatewayHost Front { get; private set; } = null!;

    public GatewayHost Replica { get; private set; } = null!;

    public string RateLimitKeyPrefix { get; } = $"gateway:tests:{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        Echo = await EchoBackend.StartAsync();
        await Governance.StartAsync();
        var settings = Settings();
        Front = new GatewayHost(settings);
        Replica = new GatewayHost(settings);
        await Task.WhenAll(Front.StartAsync(), Replica.StartAsync());
    }

    /// <summary>What both replicas share; <paramref name="overrides"/> change or add settings (for a one-test gateway).</summary>
    public Dictionary<string, string?> Settings(IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [GatewayHost.ClusterAddress("governance")] = Governance.HttpAddress.ToString(),
            ["RateLimits:KeyPrefix"] = RateLimitKeyPrefix,
            ["RateLimits:ClientPerMinute"] = ClientPerMinute.ToString(),
            ["RateLimits:OwnerPerMinute"] = OwnerPerMinute.ToString(),
            // Anonymous callers here are all 127.0.0.1; RateLimitTests checks that limit on a gateway of its own.
            ["RateLimits:AnonymousPerMinute"] = "100000",
            [$"RateLimits:Clients:{BulkClientId}"] = BulkClientPerMinute.ToString(),
            // A route that names no AuthorizationPolicy: the fallback policy must still keep anonymous callers out.
            ["ReverseProxy:Routes:unguarded:ClusterId"] = "fees",
            ["ReverseProxy:Routes:unguarded:Match:Path"] = UnguardedPath + "/{**catch-all}",
        };
        foreach (var service in EchoedServices)
        {
            settings[GatewayHost.ClusterAddress(service)] = Echo.Address.ToString();
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task DisposeAsync()
    {
        await Front.DisposeAsync();
        await Replica.DisposeAsync();
        await Governance.DisposeAsync();
        await Echo.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}

/// <summary>Requests as a caller sends them.</summary>
public static class Requests
{
    public static HttpRequestMessage Get(string path, string? token = null, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return request;
    }

    /// <summary>A fresh path segment, so a test can find its own requests at the echo backend.</summary>
    public static string Marker() => Guid.NewGuid().ToString("N");
}
