using Platform.TestKit;

namespace Platform.Bench.Voting;

/// <summary>Governance behind the gateway, as production runs them, on real ports against the real PostgreSQL, RabbitMQ and Redis.</summary>
public sealed class BenchPlatform : IAsyncDisposable
{
    /// <summary>Per minute, per caller. The defaults (owner 120, client 1,200) would refuse the baseline's reads and the seed; set far above the load.</summary>
    public const int RateLimitPerMinute = 10_000_000;

    private BenchPlatform(BenchHost<Governance.Api.Program> governance, BenchHost<Gateway.Program> gateway, TestClock clock)
    {
        Governance = governance;
        Gateway = gateway;
        Clock = clock;
    }

    /// <summary>Governance's clock: the seed moves it through a vote's notice (the rule set asks 15 days) to its opening.</summary>
    public TestClock Clock { get; }

    public BenchHost<Governance.Api.Program> Governance { get; }

    public BenchHost<Gateway.Program> Gateway { get; }

    public static async Task<BenchPlatform> StartAsync()
    {
        var clock = new TestClock();
        var governance = new BenchHost<Governance.Api.Program>("governance", clock: clock);
        await governance.StartQuietlyAsync();
        var gateway = new BenchHost<Gateway.Program>("gateway", new Dictionary<string, string?>
        {
            ["RateLimits:AnonymousPerMinute"] = RateLimitPerMinute.ToString(),
            ["RateLimits:ClientPerMinute"] = RateLimitPerMinute.ToString(),
            ["RateLimits:OwnerPerMinute"] = RateLimitPerMinute.ToString(),
            ["ReverseProxy:Clusters:governance:Destinations:primary:Address"] = governance.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:governance-grpc:Destinations:primary:Address"] = governance.GrpcAddress.ToString(),
        });
        await gateway.StartQuietlyAsync();
        return new BenchPlatform(governance, gateway, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Governance.DisposeAsync();
    }
}
