using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using StackExchange.Redis;

namespace Platform.Identity.Api.Clients;

/// <summary>
/// Once a revocation is committed (the event left the outbox), tells every host through Redis to refuse the client's
/// tokens now. Redis down: the delivery fails and is retried, and RevocationRepublisher writes it again from the
/// database once Redis answers; meanwhile hosts refuse writes (they cannot check).
/// </summary>
public sealed class ClientRevokedHandler(IConnectionMultiplexer redis, RevokedClients revoked, TimeProvider time)
    : IIntegrationEventHandler<ClientRevoked>
{
    public Task Handle(ClientRevoked integrationEvent, CancellationToken cancellationToken) =>
        revoked.MarkAsync(redis.GetDatabase(), integrationEvent.ClientId, integrationEvent.OccurredAt, time.GetUtcNow());
}
