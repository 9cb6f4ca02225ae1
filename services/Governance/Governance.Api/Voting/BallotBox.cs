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

/// <summary>Casting a ballot: only as oneself, only while open; the sealer chains it (ADR-006).</summary>
public static class BallotBox
{
    public static async Task<Results<Created<BallotReceipt>, ProblemHttpResult>> Cast(
        Guid proposalId, CastBallotRequest request, GovernanceDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        // The electorate was frozen when voting opened: a voter who has since sold still votes, so the
        // proposal is looked up past the caller's current holdings, and its existence told only to those who may see it.
        // One round trip for the proposal, whether the caller is the developer, and their electorate entry.
        // Only the window is read (not the text), and the two possible voter ids go to the electorate's key as one array.
        var ownerId = access.OwnerId ?? Guid.Empty;
        string[] voterIds = [ownerId.ToString(), Electorate.DeveloperVoterId];
        var found = await db.Proposals.IgnoreQueryFilters().AsNoTracking().Where(p => p.Id == proposalId)
            .Select(p => new
            {
                p.OpensAt,
                p.ClosesAt,
                IsDeveloper = db.Owners.IgnoreQueryFilters().Any(o => o.Id == ownerId && o.Kind == OwnerKind.Developer),
                Voters = db.ElectorateMembers.IgnoreQueryFilters()
                    .Where(m => m.ProposalId == p.Id && voterIds.Contains(m.VoterId))
                    .Select(m => m.VoterId).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return Problems.NotFound("proposal");
        }

        var voterId = access.OwnerId is null ? null : Electorate.VoterIdOf(ownerId, found.IsDeveloper);
        if (voterId is null || !found.Voters.Contains(voterId))
        {
            // The endpoint skips the owner's holdings (WithoutOwnerHoldings); whether they may see the proposal needs them.
            if (access.OwnerId is { } owner)
            {
                await access.LoadOwnerHoldingsAsync(owner, db, ct);
            }

            if (!await db.Proposals.AnyAsync(p => p.Id == proposalId, ct))
            {
                return Problems.NotFound("proposal");
            }

            return access.OwnerId is null
                ? Problems.Forbidden("only_owners_vote", GovernanceText.Messages)
                : Problems.Forbidden("not_in_electorate", GovernanceText.Messages);
        }

        // Ballots do not wait for each other: each holds a shared lock on its proposal's row until it
        // commits, and the closer's exclusive lock waits for them, so no ballot lands after the decision.
        var undecided = await db.Database.SqlQuery<bool>($"""
            SELECT NOT EXISTS (SELECT 1 FROM proposal_results r WHERE r.proposal_id = p.id) AS "Value"
            FROM proposals p WHERE p.id = {proposalId} FOR SHARE OF p
            """).SingleAsync(ct);
        var now = time.GetUtcNow();
        if (!Proposal.IsOpenAt(found.OpensAt, found.ClosesAt, now) || !undecided)
        {
            return Problems.Conflict("voting_not_open", GovernanceText.Messages);
        }

        // Written unsealed; the sealer puts it on the proposal's hash chain within moments (ADR-006).
        var ballot = new Ballot
        {
            Id = Guid.CreateVersion7(now), ProposalId = proposalId, VoterId = voterId, CastByOwnerId = access.OwnerId!.Value,
            Choice = request.Choice!.Value, CastAt = now,
        };
        db.Ballots.Add(ballot);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Extensions.Extensions.ApiPrefix}/proposals/{proposalId}",
            new BallotReceipt(ballot.Id, proposalId, ballot.Choice, ballot.CastAt));
    }
}
