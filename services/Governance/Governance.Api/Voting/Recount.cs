using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Api.Voting;

/// <summary>Counts a vote from PostgreSQL, the record: each voter's last ballot against the frozen electorate.</summary>
public static class Recount
{
    public static async Task<Electorate> ElectorateAsync(GovernanceDbContext db, Guid proposalId, CancellationToken ct)
    {
        var members = await db.ElectorateMembers.IgnoreQueryFilters().AsNoTracking().Where(m => m.ProposalId == proposalId).ToListAsync(ct);
        return Electorate.FromVoters(members.Select(m => new Voter(m.VoterId, m.UnitIds, m.AreaHundredths)));
    }

    public static async Task<Dictionary<string, Choice>> LastBallotsAsync(GovernanceDbContext db, Guid proposalId, CancellationToken ct)
    {
        // Chain order; ballots not sealed yet come after, in insertion order (the order the sealer will give them).
        var ballots = await db.Ballots.IgnoreQueryFilters().AsNoTracking().Where(b => b.ProposalId == proposalId)
            .OrderBy(b => b.Position == null).ThenBy(b => b.Position).ThenBy(b => b.Sequence)
            .Select(b => new { b.VoterId, b.Choice }).ToListAsync(ct);
        var last = new Dictionary<string, Choice>();
        foreach (var ballot in ballots)
        {
            last[ballot.VoterId] = ballot.Choice;
        }

        return last;
    }

    public static async Task<Tally> TallyAsync(GovernanceDbContext db, Guid proposalId, CancellationToken ct) =>
        VoteCount.Tally(await ElectorateAsync(db, proposalId, ct), await LastBallotsAsync(db, proposalId, ct));

    /// <summary>
    /// Checks a proposal's ballot chain: positions 1..n without gaps, each naming the hash before it and
    /// hashing to what it stores. Returns the head hash, or null when the chain is broken.
    /// </summary>
    public static async Task<(bool Intact, long Count, string Head)> VerifyChainAsync(GovernanceDbContext db, Guid proposalId, CancellationToken ct)
    {
        var ballots = await db.Ballots.IgnoreQueryFilters().AsNoTracking().Where(b => b.ProposalId == proposalId)
            .OrderBy(b => b.Position == null).ThenBy(b => b.Position).ToListAsync(ct);
        var walk = db.Chain.Walk();
        var intact = ballots.All(ballot => walk.Next(ballot, ballot.Position) is null);
        return (intact, ballots.Count, walk.Head);
    }
}
