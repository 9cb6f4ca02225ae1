using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.Fees.Api.Infrastructure;

namespace Platform.Fees.Api.Payments;

/// <summary>
/// The fee ledgers' chains, each from its first entry: every unit's payments and every community's public-income ledger. The
/// first entry of a chain that is out of place, does not link to the one before it or does not match its keyed link, named by
/// id and position. Run by <c>verify-ledgers</c>.
/// </summary>
public sealed class FeeLedgerChains(FeesDbContext db) : IIntegrityCheck
{
    public string Name => "payments and public-income chains";

    public async Task<IReadOnlyList<string>> FindViolationsAsync(CancellationToken ct)
    {
        var violations = new List<string>();
        var units = await db.Payments.IgnoreQueryFilters().Select(p => p.UnitId).Distinct().ToListAsync(ct);
        foreach (var unit in units)
        {
            var payments = await db.Payments.IgnoreQueryFilters().AsNoTracking().Include(p => p.Allocations)
                .Where(p => p.UnitId == unit).OrderBy(p => p.Position).ToListAsync(ct);
            if (db.Chain.FirstBreak(payments, p => p.Position) is var (payment, problem))
            {
                violations.Add($"payment {payment.Id} (unit {unit}, position {payment.Position}) {problem}");
            }
        }

        var communities = await db.PublicIncomeEntries.IgnoreQueryFilters().Select(e => e.CommunityId).Distinct().ToListAsync(ct);
        foreach (var community in communities)
        {
            var entries = await db.PublicIncomeEntries.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.CommunityId == community).OrderBy(e => e.Position).ToListAsync(ct);
            if (db.Chain.FirstBreak(entries, e => e.Position) is var (entry, problem))
            {
                violations.Add($"public income entry {entry.Id} (community {community}, position {entry.Position}) {problem}");
            }
        }

        return violations;
    }
}
