using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Accepts an event only when the broker vouches that its publisher's user sent it: RabbitMQ refuses a message whose
/// <c>user-id</c> is not the connection's user, so a host that holds another service's queue credentials still cannot
/// pass its own messages off as governance's (a forged <see cref="Contracts.Events.PropertyCompanyAssigned"/> would move a
/// community to another company). Every consumed event is checked, not only the access-changing ones: each has one
/// publisher, and a forged ResolutionPassed moves money just as a forged assignment moves access.
/// </summary>
public sealed class EventPublisherCheck(IConfiguration configuration, ILogger<EventPublisherCheck> logger)
{
    public bool Accepts<TEvent>(ConsumeContext<TEvent> context) where TEvent : class
    {
        var owner = EventPublishers.Of(typeof(TEvent));
        var sentBy = context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivery) ? delivery.Properties.UserId : null;
        if (owner is not null && sentBy is not null && sentBy == EventPublishers.BrokerUser(configuration, owner))
        {
            return true;
        }

        // The content is not logged: a forged message is the attacker's text.
        logger.LogWarning(
            "Ignored {EventType} {MessageId}: sent by broker user {SentBy}, not by its publisher {Owner}",
            typeof(TEvent).Name, context.MessageId, sentBy ?? "(none)", owner ?? "(no publisher)");
        return false;
    }
}
