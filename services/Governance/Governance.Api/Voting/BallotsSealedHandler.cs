using Platform.BuildingBlocks.Messaging;
using Platform.Contracts.Events;

namespace Platform.Governance.Api.Voting;

/// <summary>Feeds the live tally. The tally ignores a ballot it already holds (or an older one), so it runs without an inbox row.</summary>
public sealed class BallotsSealedHandler(LiveTally tally) : IIntegrationEventHandler<BallotsSealed>
{
    public Task Handle(BallotsSealed integrationEvent, CancellationToken cancellationToken) => tally.ApplyAsync(integrationEvent);
}
