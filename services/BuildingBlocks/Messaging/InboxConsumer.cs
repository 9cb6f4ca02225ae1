using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Runs a handler at most once per (consumer, MessageId): the inbox row and the handler's effect
/// commit in one transaction, so a redelivered or republished message has no second effect. A
/// concurrent duplicate waits on the inbox row's key and then finds it taken. A message its publisher did not send
/// (<see cref="EventPublisherCheck"/>) is acknowledged and ignored.
/// </summary>
public sealed class InboxConsumer<TEvent, TContext>(
    TContext db,
    IIntegrationEventHandler<TEvent> handler,
    ServiceIdentity service,
    EventPublisherCheck publisher,
    TimeProvider time) : IConsumer<TEvent>
    where TEvent : class
    where TContext : ServiceDbContext
{
    public async Task Consume(ConsumeContext<TEvent> context)
    {
        if (!publisher.Accepts(context))
        {
            return;
        }

        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TEvent).Name} arrived without a MessageId; the inbox cannot deduplicate it.");
        var consumer = $"{service.Name}:{typeof(TEvent).Name}";
        var cancellationToken = context.CancellationToken;

        using var activity = PlatformTelemetry.Source.StartActivity($"{service.Name} handle {typeof(TEvent).Name}", ActivityKind.Internal);
        activity?.SetTag(PlatformTelemetry.ServiceTag, service.Name);
        activity?.SetTag("messaging.message.id", messageId.ToString());

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (consumer, message_id, handled_at) VALUES ({consumer}, {messageId}, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (claimed == 0)
        {
            activity?.SetTag("platform.inbox.duplicate", true);
            await transaction.RollbackAsync(cancellationToken);
            return;
        }

        await handler.Handle(context.Message, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
