using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Registry;
using Platform.Fees.Api.Billing;
using Platform.Fees.Api.Infrastructure;
using Platform.Fees.Api.PublicIncome;
using Platform.Fees.Domain.Billing;
using Platform.Fees.Domain.Standards;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Fees.Api.Disclosures;

/// <summary>
/// What a disclosure shows (seed item 13): fee items and standards, amounts billed and collected per month, public
/// income and its expenses with the split, and the shared-utility charges. Aggregates only: no unit's or owner's figures.
/// </summary>
public sealed record DisclosureContent(
    Guid CommunityId, string CommunityName, int StarLevel, string Period, string From, string To, DateTimeOffset CompiledAt,
    IReadOnlyList<DisclosedStandard> FeeStandards, IReadOnlyList<DisclosedMonth> Billing, DisclosedPublicIncome PublicIncome,
    IReadOnlyList<DisclosedUtilityCharge> UtilityCharges);

/// <summary>A fee standard in force at some time in the period (收费项目和标准).</summary>
public sealed record DisclosedStandard(FeeUse Use, string Item, long RateFen, string EffectiveFrom, int CheckedAgainstStarLevel);

/// <summary>A month's bills: how many, what they asked with adjustments, what was collected on them and what is still owed.</summary>
public sealed record DisclosedMonth(string Period, int Bills, long BilledFen, long AdjustedFen, long CollectedFen, long OutstandingFen);

/// <summary>
/// Public income and expenses booked in the period, by kind and source, each day under the split in force that day,
/// and the split in force at the end.
/// </summary>
public sealed record DisclosedPublicIncome(
    long IncomeFen, long ExpenseFen, long NetFen, int OwnersSharePercent, Guid? SplitResolutionId, long OwnersShareFen, long CompanyShareFen,
    long TransferredToFundFen, long ShortfallCoveredFen, IReadOnlyList<DisclosedIncomeLine> Lines);

public sealed record DisclosedIncomeLine(PublicIncomeKind Kind, PublicIncomeSource Source, int Entries, long AmountFen);

/// <summary>A common-area charge shared in the period: how much, over how many units, by which rule.</summary>
public sealed record DisclosedUtilityCharge(Utility Utility, string Period, long AmountFen, string MeterReference, int Units, string Rule);

public static class DisclosureCompiler
{
    public static async Task<DisclosureContent> CompileAsync(FeesDbContext db, RegistryCommunity community, DisclosurePeriod period, DateTimeOffset now, CancellationToken ct)
    {
        var (first, last) = (period.From.FirstDay, period.LastDay);
        var months = period.Months().Select(m => m.ToString()).ToList();
        return new DisclosureContent(community.Id, community.Name, community.StarLevel, period.ToString(), period.From.ToString(), period.To.ToString(), now,
            await Standards(db, community.Id, first, last, ct), await Billing(db, community.Id, months, ct),
            await Income(db, community.Id, first, last, ct), await Utilities(db, community.Id, months, ct));
    }

    /// <summary>For each use, the standard in force on the first day and every one that started within the period.</summary>
    private static async Task<List<DisclosedStandard>> Standards(FeesDbContext db, Guid communityId, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var standards = await db.FeeStandards.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.CommunityId == communityId && s.EffectiveFrom <= last).ToListAsync(ct);
        return standards
            .GroupBy(s => (s.Use, s.EffectiveFrom)).Select(g => g.OrderByDescending(s => s.SetAt).First())
            .GroupBy(s => s.Use)
            .SelectMany(g => g.Where(s => s.EffectiveFrom > first).Concat(g.Where(s => s.EffectiveFrom <= first).OrderByDescending(s => s.EffectiveFrom).Take(1)))
            .OrderBy(s => s.Use).ThenBy(s => s.EffectiveFrom)
            .Select(s => new DisclosedStandard(s.Use, (s.Use == FeeUse.ParkingSpace ? BillItemKind.ParkingSpaceManagementFee : BillItemKind.PropertyFee).ToString(),
                s.RateFen, BillingPeriod.Of(s.EffectiveFrom).ToString(), s.StarLevel))
            .ToList();
    }

    private static async Task<List<DisclosedMonth>> Billing(FeesDbContext db, Guid communityId, List<string> months, CancellationToken ct)
    {
        var bills = db.Bills.IgnoreQueryFilters().Where(b => b.CommunityId == communityId && months.Contains(b.Period));
        var billed = await bills.GroupBy(b => b.Period).Select(g => new { Period = g.Key, Count = g.Count(), Amount = g.Sum(b => b.AmountFen) }).ToListAsync(ct);
        var adjusted = await db.BillAdjustments.IgnoreQueryFilters().Where(a => a.CommunityId == communityId && months.Contains(a.Period))
            .GroupBy(a => a.Period).Select(g => new { Period = g.Key, Amount = g.Sum(a => a.AmountFen) }).ToDictionaryAsync(x => x.Period, x => x.Amount, ct);
        var collected = await (from allocation in db.PaymentAllocations.IgnoreQueryFilters()
                               join bill in bills on allocation.BillId equals bill.Id
                               group allocation by bill.Period into g
                               select new { Period = g.Key, Amount = g.Sum(a => a.AmountFen) }).ToDictionaryAsync(x => x.Period, x => x.Amount, ct);
        return billed.OrderBy(b => b.Period).Select(b =>
        {
            var adjustment = adjusted.GetValueOrDefault(b.Period);
            var paid = collected.GetValueOrDefault(b.Period);
            return new DisclosedMonth(b.Period, b.Count, b.Amount, adjustment, paid, b.Amount + adjustment - paid);
        }).ToList();
    }

    private static async Task<DisclosedPublicIncome> Income(FeesDbContext db, Guid communityId, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var lines = (await db.PublicIncomeEntries.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.CommunityId == communityId && e.OccurredOn >= first && e.OccurredOn <= last)
                .GroupBy(e => new { e.Kind, e.Source }).Select(g => new { g.Key.Kind, g.Key.Source, Entries = g.Count(), Amount = g.Sum(e => e.AmountFen) })
                .ToListAsync(ct))
            .OrderBy(l => l.Kind).ThenBy(l => l.Source).Select(l => new DisclosedIncomeLine(l.Kind, l.Source, l.Entries, l.Amount)).ToList();
        long Sum(PublicIncomeKind kind) => lines.Where(l => l.Kind == kind).Sum(l => l.AmountFen);
        var splits = await PublicIncomeSplit.OfAsync(db.PublicIncomeSplits, communityId, ct);
        var split = Domain.PublicIncome.PublicIncomeShares.InForceOn(last, splits.OrderBy(s => s.From));
        var net = Sum(PublicIncomeKind.Income) - Sum(PublicIncomeKind.Expense);
        // Each day's income and expenses under the split in force that day.
        var flows = await db.PublicIncomeEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.CommunityId == communityId && e.OccurredOn >= first && e.OccurredOn <= last
                        && (e.Kind == PublicIncomeKind.Income || e.Kind == PublicIncomeKind.Expense))
            .GroupBy(e => new { e.OccurredOn, e.Kind })
            .Select(g => new { g.Key.OccurredOn, g.Key.Kind, Amount = g.Sum(e => e.AmountFen) }).ToListAsync(ct);
        var company = Domain.PublicIncome.PublicIncomeShares.CompanyShareFen(
            flows.Select(f => (f.OccurredOn, f.Kind == PublicIncomeKind.Income ? f.Amount : -f.Amount)), splits);
        return new DisclosedPublicIncome(Sum(PublicIncomeKind.Income), Sum(PublicIncomeKind.Expense), net, split?.OwnersSharePercent ?? 100,
            split?.ResolutionId, net - company, company,
            Sum(PublicIncomeKind.TransferToFund), Sum(PublicIncomeKind.FeeShortfallCover), lines);
    }

    private static async Task<List<DisclosedUtilityCharge>> Utilities(FeesDbContext db, Guid communityId, List<string> months, CancellationToken ct) =>
        await db.UtilityCharges.IgnoreQueryFilters().AsNoTracking().Where(c => c.CommunityId == communityId && months.Contains(c.Period))
            .OrderBy(c => c.Period).ThenBy(c => c.RecordedAt)
            .Select(c => new DisclosedUtilityCharge(c.Utility, c.Period, c.AmountFen, c.MeterReference, c.Shares.Count, c.Rule))
            .ToListAsync(ct);
}
