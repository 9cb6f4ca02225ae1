using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.Governance.Api.Infrastructure;

namespace Platform.Governance.Api.Voting;

/// <summary>
/// Every proposal's ballot chain, sealed ballots only (the sealer has yet to place the others): the first ballot that is out of
/// place, does not link to the one before it or does not match its keyed link, named by id and position. Run by <c>verify-ledgers</c>.
/// </summary>
public sealed class BallotChains(GovernanceDbContext db) : IIntegrityCheck
{
    public string Name => "ballot chains";

    public async Task<IReadOnlyList<string>> FindViolationsAsync(CancellationToken ct)
    {
        var violations = new List<string>();
        var proposals = await db.Ballots.IgnoreQueryFilters().Where(b => b.Hash != null).Select(b => b.ProposalId).Distinct()
            .ToListAsync(ct);
        foreach (var proposal in proposals)
        {
            var ballots = await db.Ballots.IgnoreQueryFilters().AsNoTracking().Where(b => b.ProposalId == proposal && b.Hash != null)
                .OrderBy(b => b.Position).ToListAsync(ct);
            if (db.Chain.FirstBreak(ballots, b => b.Position) is var (ballot, problem))
            {
                violations.Add($"ballot {ballot.Id} (proposal {proposal}, position {ballot.Position}) {problem}");
            }
        }

        return violations;
    }
}
