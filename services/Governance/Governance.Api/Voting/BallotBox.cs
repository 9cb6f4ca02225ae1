using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Api.Registry;
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
        // Ballots do not wait for each other: each holds its proposal's ballot lock shared until it commits, and the
        // closer takes it exclusively, so it waits for them and no ballot lands after the decision. One round trip takes
        // the lock and then reads the window, whether it is decided and whether the caller is in the electorate. The voter
        // is the caller's own owner record, whatever its kind: a developer casts only its own ballot, for its own units.
        var voterId = access.OwnerId is { } caller ? Electorate.VoterIdOf(caller) : "";
        var found = await db.Database.AcquireSharedThenReadAsync(BallotLock(proposalId), """
            SELECT p.opens_at, p.closes_at,
                   NOT EXISTS (SELECT 1 FROM proposal_results r WHERE r.proposal_id = p.id),
                   EXISTS (SELECT 1 FROM electorate_members m WHERE m.proposal_id = p.id AND m.voter_id = $2)
            FROM proposals p WHERE p.id = $1
            """, [proposalId, voterId],
            row => new BallotStanding(row.GetFieldValue<DateTimeOffset>(0), row.GetFieldValue<DateTimeOffset>(1), row.GetBoolean(2),
                row.GetBoolean(3)), ct);
        if (found is null)
        {
            return Problems.NotFound("proposal");
        }

        if (access.OwnerId is null || !found.InElectorate)
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

        var now = time.GetUtcNow();
        if (!Proposal.IsOpenAt(found.OpensAt, found.ClosesAt, now) || !found.Undecided)
        {
            return Problems.Conflict("voting_not_open", GovernanceText.Messages);
        }

        // Written unsealed; the sealer puts it on the proposal's hash chain within moments (ADR-006).
        var ballot = new Ballot
        {
            Id = Guid.CreateVersion7(now), ProposalId = proposalId, VoterId = voterId, CastByOwnerId = access.OwnerId!.Value,
            Choice = request.Choice!.Value, CastAt = now,
        };
        // Saved with the command's audit entry, in one batch (AuditedCommandFilter).
        db.Ballots.Add(ballot);
        return TypedResults.Created($"{GovernanceApi.Prefix}/proposals/{proposalId}",
            new BallotReceipt(ballot.Id, proposalId, ballot.Choice, ballot.CastAt));
    }

    /// <summary>Held shared by each ballot until it commits, and exclusively by the closer while it decides.</summary>
    public static string BallotLock(Guid proposalId) => $"proposal-ballots:{proposalId}";

    private sealed record BallotStanding(DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool Undecided, bool InElectorate);
}
