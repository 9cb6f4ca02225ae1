using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>Which integration events a service handles, and with what.</summary>
public sealed class MessagingBuilder
{
    internal List<(Type Event, Type Handler, Type Consumer)> Handlers { get; } = [];

    /// <summary>The handler runs once per message: its inbox row and its effect commit together (<see cref="InboxConsumer{TEvent,TContext}"/>).</summary>
    public MessagingBuilder Handle<TEvent, THandler>()
        where TEvent : class
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        Handlers.Add((typeof(TEvent), typeof(THandler), typeof(InboxConsumer<,>)));
        return this;
    }

    /// <summary>
    /// For a handler that keeps nothing in the service's database and whose effect is idempotent by the event's
    /// content (applying it twice, or an older one after a newer, changes nothing): it runs without an inbox row,
    /// so a busy event stream costs the database nothing (<see cref="IdempotentConsumer{TEvent}"/>).
    /// </summary>
    public MessagingBuilder HandleIdempotent<TEvent, THandler>()
        where TEvent : class
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        Handlers.Add((typeof(TEvent), typeof(THandler), typeof(IdempotentConsumer<>)));
        return this;
    }

    internal static Type ConsumerType((Type Event, Type Handler, Type Consumer) handler, Type context) =>
        handler.Consumer == typeof(InboxConsumer<,>)
            ? handler.Consumer.MakeGenericType(handler.Event, context)
            : handler.Consumer.MakeGenericType(handler.Event);
}

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ with publisher confirms; one quorum queue per service (named after it)
    /// bound to the events it handles, immediate retries then the "&lt;service&gt;_error" queue; the
    /// outbox relay for the service's DbContext.
    /// </summary>
    public static WebApplicationBuilder AddMessaging<TContext>(
        this WebApplicationBuilder builder, string serviceName, Action<MessagingBuilder>? configure = null)
        where TContext : ServiceDbContext
    {
        var messaging = new MessagingBuilder();
        configure?.Invoke(messaging);

        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("Outbox");
        builder.Services.AddSingleton<EventPublisherCheck>();
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        // Readiness proves what the relay needs: a broker that confirms, and an outbox that drains.
        builder.Services.AddHealthChecks()
            .AddCheck<BrokerPublishHealthCheck>("broker", tags: [HealthExtensions.Ready, HealthExtensions.Explained])
            .AddCheck<OutboxHealthCheck>("outbox", tags: [HealthExtensions.Ready, HealthExtensions.Explained]);

        builder.Services.AddMassTransit(bus =>
        {
            foreach (var handler in messaging.Handlers)
            {
                builder.Services.AddScoped(typeof(IIntegrationEventHandler<>).MakeGenericType(handler.Event), handler.Handler);
                bus.AddConsumer(MessagingBuilder.ConsumerType(handler, typeof(TContext)));
            }

            bus.UsingRabbitMq((context, rabbit) =>
            {
                var configuration = context.GetRequiredService<IConfiguration>();
                var broker = RabbitMqAddress.From(configuration);
                rabbit.UseServiceBroker(broker);

                if (messaging.Handlers.Count == 0)
                {
                    return;
                }

                // Tests give each host its own queue ("Messaging:QueueName") so runs never share a backlog.
                var queue = QueueName(configuration, serviceName);
                rabbit.ReceiveEndpoint(queue, endpoint =>
                {
                    endpoint.SetQuorumQueue();
                    // Each message waits on PostgreSQL (its inbox row) more than it works, so several are handled at
                    // once; MassTransit's default (twice the cores) let a burst of ballot events queue for minutes.
                    endpoint.PrefetchCount = configuration.GetValue("Messaging:PrefetchCount", 64);
                    endpoint.ConcurrentMessageLimit = configuration.GetValue("Messaging:ConcurrentMessageLimit", 32);
                    endpoint.UseMessageRetry(retry => retry.Immediate(5));
                    // A failed message goes back to the queue, and after DeliveryLimit deliveries the broker dead-letters it into
                    // "<queue>_error" untouched: MassTransit's own move would re-publish it as this service, with the
                    // publisher's user-id, which the broker refuses (and a re-driven message must keep its publisher).
                    endpoint.SetQueueArgument("x-delivery-limit", configuration.GetValue("Messaging:DeliveryLimit", DeliveryLimit));
                    endpoint.BindDeadLetterQueue($"{queue}_error", $"{queue}_error");
                    endpoint.RethrowFaultedMessages();
                    endpoint.DiscardSkippedMessages();
                    // Fault<T> events would go to exchanges no service may write to.
                    endpoint.PublishFaults = false;
                    foreach (var handler in messaging.Handlers)
                    {
                        endpoint.ConfigureConsumer(context, MessagingBuilder.ConsumerType(handler, typeof(TContext)));
                    }
                });
            });
        });
        return builder;
    }

    /// <summary>Deliveries of a failing message (each with its immediate retries) before the broker dead-letters it.</summary>
    public const int DeliveryLimit = 3;

    /// <summary>
    /// The broker connection every bus of the platform uses (the services' and the tests' publishers): publisher confirms, the
    /// publisher's name on every event exchange, and the connection's user as every message's <c>user-id</c>, which RabbitMQ
    /// checks against the connection and consumers check against the event's publisher (<see cref="EventPublisherCheck"/>).
    /// </summary>
    public static void UseServiceBroker(this IRabbitMqBusFactoryConfigurator rabbit, RabbitMqAddress broker)
    {
        rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
        {
            host.Username(broker.Username);
            host.Password(broker.Password);
            host.PublisherConfirmation = true;
        });
        rabbit.MessageTopology.SetEntityNameFormatter(new PublisherEntityNames(rabbit.MessageTopology.EntityNameFormatter));
        rabbit.ConfigurePublish(publish => publish.UseExecute(context => SignAs(context, broker.Username)));
        rabbit.ConfigureSend(send => send.UseExecute(context => SignAs(context, broker.Username)));
    }

    private static void SignAs(SendContext context, string user)
    {
        if (context.TryGetPayload<RabbitMqSendContext>(out var delivery))
        {
            delivery.BasicProperties.UserId = user;
        }
    }

    /// <summary>The service's queue: its name, unless "Messaging:QueueName" says otherwise (tests).</summary>
    public static string QueueName(IConfiguration configuration, string serviceName) =>
        configuration["Messaging:QueueName"] is { Length: > 0 } name ? name : serviceName;
}

/// <summary>Names each event's exchange after its publisher too (<see cref="EventPublishers.ExchangeName"/>).</summary>
internal sealed class PublisherEntityNames(IEntityNameFormatter inner) : IEntityNameFormatter
{
    public string FormatEntityName<T>() => EventPublishers.ExchangeName(typeof(T), inner.FormatEntityName<T>());
}
