using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>The system clock moved forward by a test (deadlines passing); timers still run in real time.</summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public DateOnly Today => DateOnly.FromDateTime(GetUtcNow().UtcDateTime);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary>A governance host whose TimeProvider is <see cref="TestClock"/>, with a fast overdue sweep.</summary>
public sealed class ClockedGovernanceHost(TestClock clock)
    : ServiceHost<Api.Program>("governance", new Dictionary<string, string?> { ["Problems:SweepInterval"] = "00:00:00.300" })
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
    }
}
