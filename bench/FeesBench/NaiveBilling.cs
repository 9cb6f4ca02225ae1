using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Registry;
using Platform.Contracts.Events;
using Platform.Fees.Api.Billing;
using Platform.Fees.Api.Infrastructure;
using Platform.Fees.Domain.Billing;
using Platform.Fees.Domain.Money;
using Platform.Fees.Domain.Standards;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Bench.Fees;

/// <summary>The naive loop's figures: bills it wrote and how long it took.</summary>
public sealed record NaiveRun(BillingPeriod Period, int Units, int BillsCreated, long AmountFen, TimeSpan Elapsed)
{
    public double BillsPerSecond => BillsCreated / Elapsed.TotalSeconds;
}

/// <summary>
/// The baseline: how a bill run reads when written one row at a time with EF Core, in the service's own DbContext
/// (the host's, as the system caller). Per unit: one query for the unit and its owner, <see cref="Fen.MonthlyFee"/>,
/// a <see cref="Bill"/> with its <see cref="BillItem"/> and its <see cref="BillIssued"/> event through
/// <c>AddIntegrationEvent</c>, and one <c>SaveChangesAsync</c> (its own transaction). The standards in force are
/// read once, as even a naive run would; the change tracker is cleared after each bill so it does not grow.
/// </summary>
public static class NaiveBilling
{
    public static async Task<NaiveRun> RunAsync(IServiceProvider services, SeededCommunity community, IReadOnlyList<Guid> unitIds, BillingPeriod period)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeesDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var clock = Stopwatch.StartNew();

        var firstDay = period.FirstDay;
        var standards = await db.FeeStandards.AsNoTracking()
            .Where(s => s.CommunityId == community.Id && s.EffectiveFrom <= firstDay).ToListAsync();
        var inForce = standards.GroupBy(s => s.Use)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.EffectiveFrom).ThenByDescending(s => s.SetAt).First());
        var started = time.GetUtcNow();
        var run = new BillRun { Id = Guid.CreateVersion7(started), CommunityId = community.Id, Period = period.ToString(), StartedBy = "bench:naive", StartedAt = started };

        foreach (var unitId in unitIds)
        {
            var unit = await db.Set<RegistryUnit>().AsNoTracking().Where(u => u.Id == unitId)
                .Join(db.Set<RegistryUnitOwner>(), u => u.Id, o => o.UnitId, (u, o) => new { u.Id, u.CommunityId, u.ExclusiveArea, u.Use, o.OwnerId })
                .SingleOrDefaultAsync();
            if (unit is null || FeeUses.For(unit.Use) is not { } use || !inForce.TryGetValue(use, out var standard))
            {
                continue;
            }

            var amount = Fen.MonthlyFee(unit.ExclusiveArea, standard.RateFen);
            var now = time.GetUtcNow();
            var bill = new Bill
            {
                Id = Guid.CreateVersion7(now),
                UnitId = unit.Id,
                CommunityId = unit.CommunityId,
                Period = run.Period,
                PayerOwnerId = unit.OwnerId,
                AmountFen = amount,
                BillRunId = run.Id,
                IssuedAt = now,
                Items =
                {
                    new BillItem
                    {
                        Kind = ExpectedBill.KindFor(use), AmountFen = amount,
                        Basis = string.Create(CultureInfo.InvariantCulture, $"{unit.ExclusiveArea:0.00} m² × {standard.RateFen} fen/m²"),
                    },
                },
            };
            db.Bills.Add(bill);
            db.AddIntegrationEvent(new BillIssued(bill.Id, unit.Id, unit.CommunityId, run.Period, unit.OwnerId, amount, now), now);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            run.BillsCreated++;
            run.AmountFen += amount;
        }

        db.BillRuns.Add(run);
        await db.SaveChangesAsync();
        clock.Stop();
        return new NaiveRun(period, unitIds.Count, run.BillsCreated, run.AmountFen, clock.Elapsed);
    }
}
