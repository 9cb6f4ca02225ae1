using Platform.BuildingBlocks.Messaging;
using Platform.Contracts.Events;

namespace Platform.Governance.Api.Voting;

/// <summary>Feeds the live tally; the inbox runs it once per message and the tally ignores what it already holds.</summary>
public sealed class BallotCastHandler(LiveTally tally) : IIntegrationEventHandler<BallotCast>
{
    public Task Handle(BallotCast integrationEvent, CancellationToken cancellationToken) => tally.ApplyAsync(integrationEvent);
}
