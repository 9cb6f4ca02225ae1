using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using StackExchange.Redis;

namespace Platform.Identity.Api.Clients;

/// <summary>
/// Once a revocation is committed (the event left the outbox), tells every host through Redis to refuse
/// the client's tokens now. Redis down: the delivery fails, is retried, and at worst waits in the error
/// queue while the tokens run to their expiry.
/// </summary>
public sealed class ClientRevokedHandler(IConnectionMultiplexer redis) : IIntegrationEventHandler<ClientRevoked>
{
    public Task Handle(ClientRevoked integrationEvent, CancellationToken cancellationToken) =>
        RevokedClients.MarkAsync(redis, integrationEvent.ClientId);
}
