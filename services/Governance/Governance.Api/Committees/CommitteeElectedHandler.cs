using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Time;
using Platform.Contracts.Events;
using Platform.Governance.Api.Infrastructure;

namespace Platform.Governance.Api.Committees;

/// <summary>
/// When the owners pass an election's slate, the committee is formed for its term and replaces the
/// one in office. Runs once per election (the inbox, and the election remembers its committee).
/// </summary>
public sealed class CommitteeElectedHandler(GovernanceDbContext db, CommitteeSuccession succession, BusinessCalendar calendar)
    : IIntegrationEventHandler<ResolutionPassed>
{
    public async Task Handle(ResolutionPassed resolution, CancellationToken cancellationToken)
    {
        if (resolution.Matter != OwnersMatter.ElectOrReplaceCommittee || resolution.Reference?.StartsWith(CommitteeElection.ReferencePrefix, StringComparison.Ordinal) != true)
        {
            return;
        }

        var election = await db.CommitteeElections.IgnoreQueryFilters().FirstOrDefaultAsync(e => e.ProposalId == resolution.ProposalId, cancellationToken);
        if (election is null || election.CommitteeId is not null)
        {
            return;
        }

        var names = await db.Owners.IgnoreQueryFilters().Where(o => election.CandidateOwnerIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var now = calendar.Now;
        var start = calendar.DateOf(resolution.DecidedAt);
        var committee = new Committee
        {
            Id = Guid.CreateVersion7(now), CommunityId = election.CommunityId, Kind = CommitteeKind.Owners, TermStart = start,
            TermEnd = start.AddYears(election.TermYears), ElectedByProposalId = resolution.ProposalId, FormedAt = now,
        };
        committee.Members.AddRange(election.CandidateOwnerIds.Select(ownerId => new CommitteeMember
        {
            Id = Guid.CreateVersion7(now), CommitteeId = committee.Id, OwnerId = ownerId, Name = names.GetValueOrDefault(ownerId, ""), Role = CommitteeRole.Member,
        }));
        await succession.SeatAsync(committee, cancellationToken);
        election.CommitteeId = committee.Id;
        db.AddIntegrationEvent(new OwnersCommitteeElected(election.CommunityId, committee.Id, resolution.ProposalId, election.Seats, committee.TermStart, committee.TermEnd,
            election.CandidateOwnerIds, now), now);
    }
}
