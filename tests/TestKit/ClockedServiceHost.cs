using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.TestKit;

/// <summary>A service host whose TimeProvider is a <see cref="TestClock"/> the test moves (deadlines, publicity periods passing).</summary>
public class ClockedServiceHost<TProgram>(string serviceName, TestClock clock, IDictionary<string, string?>? settings = null)
    : ServiceHost<TProgram>(serviceName, settings) where TProgram : class
{
    public TestClock Clock { get; } = clock;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
