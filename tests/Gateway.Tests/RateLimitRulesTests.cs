using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Security;
using Platform.Gateway.RateLimiting;
using Platform.Gateway.Security;

namespace Platform.Gateway.Tests;

/// <summary>The rules behind the limits and policies, without servers.</summary>
public sealed class RateLimitRulesTests
{
    [Theory]
    // The window alone is full half-way through: wait for the next window, then until this one weighs less than 10.
    [InlineData(10, 10, 0, 30, 30)]
    [InlineData(10, 20, 0, 30, 60)]
    // The previous window weighs 20 × (1 − f): under 10 once f passes 0.5; with 1 counted in this window, 0.55.
    [InlineData(10, 0, 20, 0, 30)]
    [InlineData(10, 1, 20, 0, 33)]
    [InlineData(10, 1, 20, 40, 1)]
    public void Retry_after_is_when_the_weighted_count_falls_under_the_limit(long limit, long current, long previous, int elapsedSeconds, int expectedSeconds)
    {
        var retryAfter = RedisSlidingWindow.RetryAfter(limit, current, previous, TimeSpan.FromSeconds(elapsedSeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), retryAfter);
    }

    [Theory]
    [InlineData("governance.read", "governance", true)]
    [InlineData("fees.read governance.vote", "governance", true)]
    [InlineData("identity.admin", "identity", true)]
    [InlineData("fees.read", "governance", false)]
    [InlineData("governancex.read", "governance", false)]
    [InlineData("governance", "governance", false)]
    [InlineData("governance.", "governance", false)]
    [InlineData("", "governance", false)]
    public void A_service_policy_needs_a_scope_of_that_service(string scopes, string service, bool admitted)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PlatformClaims.Scope, scopes)], "test"));

        Assert.Equal(admitted, user.HasScopeOf(service));
    }

    [Fact]
    public void Every_service_with_scopes_has_a_route_policy()
    {
        Assert.Equal(["governance", "fees", "funds", "parking", "eldercare", "identity"], RoutePolicies.Services);
    }

    [Fact]
    public void A_Redis_outage_is_logged_at_most_once_a_minute()
    {
        var clock = new SettableClock();
        var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var outage = new RedisOutageLog(factory.CreateLogger<RedisOutageLog>(), clock);

        for (var i = 0; i < 100; i++)
        {
            outage.Report(null);
            clock.Now += TimeSpan.FromMilliseconds(500);
        }

        // 50 s of failures: one warning; a minute after the first, the next.
        Assert.Single(logs.Entries, entry => entry.Level == LogLevel.Warning);
        clock.Now += TimeSpan.FromSeconds(10);
        outage.Report(null);
        Assert.Equal(2, logs.Entries.Count(entry => entry.Level == LogLevel.Warning));
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
