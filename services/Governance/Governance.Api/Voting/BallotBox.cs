using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Api.Registry;
using Platform.Governance.Domain.Registry;
using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Api.Voting;

/// <summary>Casting a ballot: only as oneself, only while open, appended to the proposal's hash chain.</summary>
public static class BallotBox
{
    public static async Task<Results<Created<BallotReceipt>, ProblemHttpResult>> Cast(
        Guid proposalId, CastBallotRequest request, GovernanceDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        // The electorate was frozen when voting opened: a voter who has since sold still votes, so the
        // proposal is looked up past the caller's current holdings, and its existence told only to those who may see it.
        var proposal = await db.Proposals.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null)
        {
            return Problems.NotFound("proposal");
        }

        ElectorateMember? member = null;
        if (access.OwnerId is { } ownerId)
        {
            var isDeveloper = await db.Owners.IgnoreQueryFilters().AnyAsync(o => o.Id == ownerId && o.Kind == OwnerKind.Developer, ct);
            var voterId = Electorate.VoterIdOf(ownerId, isDeveloper);
            member = await db.ElectorateMembers.IgnoreQueryFilters().AsNoTracking()
                .FirstOrDefaultAsync(m => m.ProposalId == proposalId && m.VoterId == voterId, ct);
        }

        if (member is null)
        {
            if (!await db.Proposals.AnyAsync(p => p.Id == proposalId, ct))
            {
                return Problems.NotFound("proposal");
            }

            return access.OwnerId is null
                ? Problems.Forbidden("only_owners_vote", GovernanceText.Messages)
                : Problems.Forbidden("not_in_electorate", GovernanceText.Messages);
        }

        if (!proposal.IsOpenAt(time.GetUtcNow()))
        {
            return Problems.Conflict("voting_not_open", GovernanceText.Messages);
        }

        // One chain per proposal: ballots queue here so each names the hash of the one before it, and
        // the closer takes the same lock, so no ballot lands after the decision.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"ballots:" + proposalId}, 0))", ct);
        var now = time.GetUtcNow();
        if (!proposal.IsOpenAt(now) || await db.ProposalResults.IgnoreQueryFilters().AnyAsync(r => r.ProposalId == proposalId, ct))
        {
            return Problems.Conflict("voting_not_open", GovernanceText.Messages);
        }

        var previous = await db.Ballots.IgnoreQueryFilters().Where(b => b.ProposalId == proposalId)
            .OrderByDescending(b => b.Position).Select(b => new { b.Position, b.Hash }).FirstOrDefaultAsync(ct);
        var ballot = new Ballot
        {
            Id = Guid.CreateVersion7(now), ProposalId = proposalId, Position = (previous?.Position ?? 0) + 1, VoterId = member.VoterId, CastByOwnerId = access.OwnerId!.Value,
            Choice = request.Choice!.Value, CastAt = now, PreviousHash = previous?.Hash ?? Ballot.Genesis,
        }.Seal();
        db.Ballots.Add(ballot);
        db.AddIntegrationEvent(new BallotCast(proposalId, ballot.Position, member.VoterId, member.AreaHundredths, ballot.Choice.ToString(), now), now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Extensions.Extensions.ApiPrefix}/proposals/{proposalId}",
            new BallotReceipt(ballot.Id, proposalId, ballot.Choice, ballot.CastAt, ballot.Position, ballot.Hash));
    }
}
