using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.TestKit;

namespace Platform.Bench.Voting;

/// <summary>
/// A test host without the test-only collectors: no in-memory span exporter (every span of the process kept in a
/// list) and no in-memory log capture below Warning, both of which would cost the hosts time that production does not pay.
/// With a <paramref name="clock"/>, the host runs on it (governance: so a vote's notice can pass without waiting 15 days).
/// </summary>
public sealed class BenchHost<TProgram>(string serviceName, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    : ServiceHost<TProgram>(serviceName, settings) where TProgram : class
{
    public async Task StartQuietlyAsync()
    {
        // As StartAsync does: no identity runs here, so the revocation set is declared complete or writes fail closed (ADR-014).
        await TestRevocations.MarkBuiltAsync();
        StartServer();
        using var client = CreateHttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await IsReadyAsync(client))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{ServiceName} did not report ready at {HttpAddress} within 60 s.");
            }

            await Task.Delay(200);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The last rule of equal specificity wins: this one overrides the kit's Information rule for its log capture.
        builder.ConfigureLogging(logging => logging.AddFilter<TestLogs>(null, LogLevel.Warning));
        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient client)
    {
        try
        {
            return (await client.GetAsync("/health/ready")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
