namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Applies an integration event to the service's own data through its scoped DbContext. The inbox
/// saves and commits; a handler only changes tracked entities (or adds outbox events).
/// </summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : class
{
    Task Handle(TEvent integrationEvent, CancellationToken cancellationToken);
}
