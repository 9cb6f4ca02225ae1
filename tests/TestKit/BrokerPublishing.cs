using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.TestKit;

public static class BrokerPublishing
{
    /// <summary>Publishes on the real broker through the host's bus; a broker that stops confirming fails the test within 30 s instead of hanging the run.</summary>
    public static async Task PublishAsync<T>(this IServiceHost host, T message) where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.Services.GetRequiredService<IBus>().Publish(message, timeout.Token);
    }
}
