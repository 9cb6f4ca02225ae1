using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.TestKit;

namespace Platform.Governance.Tests;

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
