using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Time;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Api.Misuse;

namespace Platform.Funds.Api.Disclosures;

/// <summary>
/// Flags to Finance and Police every community whose fund accounts were not disclosed for the latest quarter whose
/// deadline has passed (Funds:QuarterlyDisclosureDays, default 30 days after it ends) — once per community and quarter.
/// Only communities whose ledgers were open in that quarter owe it.
/// </summary>
public sealed class LateFundDisclosureReview(FundsDbContext db, MisuseFlagRaiser flags, IConfiguration configuration, BusinessCalendar calendar)
{
    public async Task<int> FlagAsync(CancellationToken ct)
    {
        var (quarter, dueBy) = FundDisclosureEndpoints.Set.LastDueQuarter(configuration, calendar);
        var label = quarter.ToString();
        var disclosed = FundDisclosureEndpoints.Set.Disclosed(db, label);
        var quarterEnd = new DateTimeOffset(quarter.LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.AcquireAsync("late-fund-disclosure-review", ct);
        var late = await db.UnitLedgers.IgnoreQueryFilters().Where(l => l.OpenedAt < quarterEnd).Select(l => l.CommunityId).Distinct()
            .Where(c => !disclosed.Contains(c))
            .Where(c => !db.MisuseFlags.IgnoreQueryFilters().Any(f => f.CommunityId == c && f.Kind == MisuseKind.LateDisclosure && f.Period == label))
            .ToListAsync(ct);
        foreach (var community in late)
        {
            flags.Raise(community, null, MisuseKind.LateDisclosure, $"no quarterly fund disclosure for {label}, due by {dueBy:yyyy-MM-dd}", label);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return late.Count;
    }
}

/// <summary>Runs <see cref="LateFundDisclosureReview"/> now and then (Funds:LateDisclosureReviewInterval, default one hour).</summary>
public sealed class LateFundDisclosureJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<LateFundDisclosureJob> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => configuration.GetValue("Funds:LateDisclosureReviewInterval", TimeSpan.FromHours(1));

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var flagged = await scope.ServiceProvider.GetRequiredService<LateFundDisclosureReview>().FlagAsync(cancellationToken);
        if (flagged > 0)
        {
            logger.LogInformation("Flagged {Count} communities whose fund accounts were not disclosed on time", flagged);
        }
    }
}
