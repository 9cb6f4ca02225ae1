using System.Diagnostics;
using MassTransit;
using Platform.BuildingBlocks.Hosting;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Runs a handler whose effect is idempotent by content (<see cref="MessagingBuilder.HandleIdempotent{TEvent,THandler}"/>):
/// no inbox row and no database transaction, since a second delivery changes nothing by itself.
/// </summary>
public sealed class IdempotentConsumer<TEvent>(IIntegrationEventHandler<TEvent> handler, ServiceIdentity service, EventPublisherCheck publisher) : IConsumer<TEvent>
    where TEvent : class
{
    public async Task Consume(ConsumeContext<TEvent> context)
    {
        if (!publisher.Accepts(context))
        {
            return;
        }

        using var activity = PlatformTelemetry.Source.StartActivity($"{service.Name} handle {typeof(TEvent).Name}", ActivityKind.Internal);
        activity?.SetTag(PlatformTelemetry.ServiceTag, service.Name);
        activity?.SetTag("messaging.message.id", context.MessageId?.ToString());
        await handler.Handle(context.Message, context.CancellationToken);
    }
}
