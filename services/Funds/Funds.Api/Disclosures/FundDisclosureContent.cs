using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Registry;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Api.Journal;
using Platform.Funds.Domain.Journal;
using Platform.Funds.Domain.Repairs;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Funds.Api.Disclosures;

/// <summary>
/// What a community's fund disclosure shows (seed item 9, Civil Code art. 943): what the ledgers hold, the money that
/// moved in the period by kind, the repair projects with their budgets and payments, and the open top-up demands.
/// Totals only: a unit's own ledger is its owner's statement, not public.
/// </summary>
public sealed record FundDisclosureContent(
    Guid CommunityId, string CommunityName, string Period, string From, string To, DateTimeOffset CompiledAt,
    int UnitLedgers, long UnitLedgersFen, long PublicIncomeSubLedgerFen, IReadOnlyList<FundMovement> Movements, IReadOnlyList<DisclosedRepair> Repairs,
    int OpenTopUpDemands);

/// <summary>Money in (to the ledgers) and out (from them) in the period, by kind.</summary>
public sealed record FundMovement(JournalKind Kind, int Transactions, long InFen, long OutFen);

public sealed record DisclosedRepair(
    Guid Id, string Title, RepairTrack Track, EmergencyCategory? EmergencyCategory, RepairStatus Status, int ScopeUnits, long BudgetFen, long DisbursedFen,
    string ContractorName, Guid? ResolutionProposalId, DateTimeOffset? ApprovedAt, DateTimeOffset? SettledAt);

public static class FundDisclosureCompiler
{
    public static async Task<FundDisclosureContent> CompileAsync(FundsDbContext db, RegistryCommunity community, DisclosurePeriod period, DateTimeOffset now, CancellationToken ct)
    {
        var (first, last) = (period.From.FirstDay, period.LastDay);
        var ledgers = await db.UnitLedgers.IgnoreQueryFilters().Where(l => l.CommunityId == community.Id)
            .GroupBy(l => 1).Select(g => new { Count = g.Count(), Fen = g.Sum(l => l.BalanceFen) }).FirstOrDefaultAsync(ct);
        var subLedger = FundAccounts.CommunityPublicIncome(community.Id);
        var publicIncome = await db.JournalLines.IgnoreQueryFilters().Where(l => l.Account == subLedger).SumAsync(l => l.CreditFen - l.DebitFen, ct);
        var movements = (await (from line in db.JournalLines.IgnoreQueryFilters()
                                join transaction in db.JournalTransactions.IgnoreQueryFilters() on line.TransactionId equals transaction.Id
                                where transaction.CommunityId == community.Id && transaction.OccurredOn >= first && transaction.OccurredOn <= last
                                      && line.Account == FundAccounts.DedicatedBankAccount
                                select new { transaction.Id, transaction.Kind, line.DebitFen, line.CreditFen }).ToListAsync(ct))
            .GroupBy(m => m.Kind)
            .Select(g => new FundMovement(g.Key, g.Select(m => m.Id).Distinct().Count(), g.Sum(m => m.DebitFen), g.Sum(m => m.CreditFen)))
            .ToList();
        var (from, to) = (new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var repairs = (await db.RepairProjects.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.CommunityId == community.Id && p.ProposedAt < to && (p.SettledAt == null || p.SettledAt >= from)
                            && p.Status != RepairStatus.AwaitingVote && p.Status != RepairStatus.AwaitingApproval)
                .OrderBy(p => p.ProposedAt).ToListAsync(ct))
            .Select(p => new DisclosedRepair(p.Id, p.Title, p.Track, p.EmergencyCategory, p.Status, p.ScopeUnitIds.Length, p.BudgetFen, p.DisbursedFen, p.ContractorName,
                p.ResolutionProposalId, p.ApprovedAt, p.SettledAt)).ToList();
        var demands = await db.TopUpDemands.IgnoreQueryFilters().CountAsync(d => d.CommunityId == community.Id && d.SettledAt == null, ct);
        return new FundDisclosureContent(community.Id, community.Name, period.ToString(), period.From.ToString(), period.To.ToString(), now,
            ledgers?.Count ?? 0, ledgers?.Fen ?? 0, publicIncome, movements.OrderBy(m => m.Kind).ToList(), repairs, demands);
    }
}
