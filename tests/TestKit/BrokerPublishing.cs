using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Platform.BuildingBlocks.Messaging;

namespace Platform.TestKit;

public static class BrokerPublishing
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<IBusControl>>> Buses = new();

    /// <summary>
    /// Publishes on the real broker as the event's publishing service would (its run user, <see cref="RunUsers"/>), so a fees
    /// host's registry copy is fed "by governance"; a broker that stops confirming fails the test within 30 s instead of hanging.
    /// </summary>
    public static Task PublishAsync<T>(this IServiceHost host, T message) where T : class => PublishAsync(message);

    public static async Task PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        var publisher = EventPublishers.Of(typeof(T)) ?? throw new ArgumentException($"{typeof(T).Name} has no publishing service.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var bus = await BusOf(publisher);
        await bus.Publish(message, context => context.MessageId = messageId ?? context.MessageId, timeout.Token);
    }

    /// <summary>A bus connected as the service's run user (what its host would publish with), started once per run.</summary>
    public static Task<IBusControl> BusOf(string service) =>
        Buses.GetOrAdd(service, name => new Lazy<Task<IBusControl>>(async () =>
        {
            var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
                rabbit.UseServiceBroker(RabbitMqAddress.From(new ConfigurationBuilder()
                    .AddInMemoryCollection([new("PLATFORM_RABBITMQ", RunUsers.BrokerUri(name))]).Build())));
            await bus.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => bus.Stop(TimeSpan.FromSeconds(5));
            return bus;
        })).Value;
}
