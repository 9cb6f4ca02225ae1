using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Time;
using Platform.Contracts.Events;
using Platform.Fees.Api.Infrastructure;
using Platform.Fees.Domain.Billing;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Fees.Api.Standards;

/// <summary>
/// Checks every community's fee standards in force this month against this year's band for its current star level
/// — a star level lowered by the housing bureau, or a new year's band, can leave an existing contract outside it —
/// and flags each mismatch to Market Regulation once (<see cref="PriceQualityMismatchFlagged"/>).
/// </summary>
public sealed class PriceQualityReview(FeesDbContext db, BusinessCalendar calendar)
{
    /// <summary>Returns how many mismatches this run flagged; all of them in one transaction.</summary>
    public async Task<int> FlagAsync(CancellationToken ct)
    {
        var now = calendar.Now;
        var month = BillingPeriod.Of(calendar.DateOf(now));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.AcquireAsync("price-quality-review", ct);
        var starLevels = await db.Set<RegistryCommunity>().IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.StarLevel, ct);
        var bands = (await db.PriceBands.AsNoTracking().Where(b => b.Year == month.Year).ToListAsync(ct)).ToDictionary(b => (b.StarLevel, b.Use), b => b.ToBand());
        var inForce = (await db.FeeStandards.IgnoreQueryFilters().AsNoTracking().Where(s => s.EffectiveFrom <= month.FirstDay).ToListAsync(ct))
            .GroupBy(s => (s.CommunityId, s.Use))
            .Select(g => g.OrderByDescending(s => s.EffectiveFrom).ThenByDescending(s => s.SetAt).First());
        var flagged = (await db.PriceQualityMismatches.AsNoTracking().Where(m => m.BandYear == month.Year)
            .Select(m => new { m.FeeStandardId, m.StarLevel }).ToListAsync(ct)).Select(m => (m.FeeStandardId, m.StarLevel)).ToHashSet();
        var count = 0;
        foreach (var standard in inForce)
        {
            if (!starLevels.TryGetValue(standard.CommunityId, out var starLevel) || !bands.TryGetValue((starLevel, standard.Use), out var band)
                || band.Admits(standard.RateFen) || flagged.Contains((standard.Id, starLevel)))
            {
                continue;
            }

            var mismatch = new PriceQualityMismatch
            {
                Id = Guid.CreateVersion7(now), CommunityId = standard.CommunityId, FeeStandardId = standard.Id, Use = standard.Use, RateFen = standard.RateFen,
                StarLevel = starLevel, BandYear = band.Year, BandLowestFen = band.LowestFen, BandHighestFen = band.HighestFen, FlaggedAt = now,
            };
            db.PriceQualityMismatches.Add(mismatch);
            db.AddIntegrationEvent(new PriceQualityMismatchFlagged(mismatch.Id, mismatch.CommunityId, mismatch.FeeStandardId, mismatch.Use.ToString(),
                mismatch.RateFen, starLevel, band.LowestFen, band.HighestFen, now), now);
            count++;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return count;
    }
}

/// <summary>Runs <see cref="PriceQualityReview"/> now and then (Fees:PriceQualityReviewInterval, default one hour).</summary>
public sealed class PriceQualityReviewJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<PriceQualityReviewJob> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => configuration.GetValue("Fees:PriceQualityReviewInterval", TimeSpan.FromHours(1));

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var flagged = await scope.ServiceProvider.GetRequiredService<PriceQualityReview>().FlagAsync(cancellationToken);
        if (flagged > 0)
        {
            logger.LogInformation("Flagged {Count} fee standards outside their star level's band to Market Regulation", flagged);
        }
    }
}
