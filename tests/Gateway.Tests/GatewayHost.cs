using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Platform.TestKit;

namespace Platform.Gateway.Tests;

/// <summary>A gateway on real Kestrel ports from its own Program, with its logs captured.</summary>
public sealed class GatewayHost(IDictionary<string, string?> settings) : ServiceHost<Program>("gateway", settings)
{
    public CapturedLogs Logs { get; } = new();

    /// <summary>Starts a gateway with <paramref name="settings"/> and waits until it is ready.</summary>
    public static async Task<GatewayHost> StartAsync(IDictionary<string, string?> settings)
    {
        var host = new GatewayHost(settings);
        await host.StartAsync();
        return host;
    }

    /// <summary>The setting that points cluster <paramref name="cluster"/> somewhere.</summary>
    public static string ClusterAddress(string cluster) => $"ReverseProxy:Clusters:{cluster}:Destinations:primary:Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}
