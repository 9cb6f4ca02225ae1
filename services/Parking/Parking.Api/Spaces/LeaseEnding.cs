using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Time;
using Platform.Parking.Api.Infrastructure;
using Platform.Parking.Domain.Spaces;

namespace Platform.Parking.Api.Spaces;

/// <summary>Ends leases at their term (the sweep), each by <see cref="ParkingSpace.ExpireLease"/> under its space's lock.</summary>
public static class LeaseEnding
{
    private const int Batch = 500;

    /// <summary>Ends every lease whose term is over, a batch at a time until none is left; returns how many.</summary>
    public static async Task<int> EndExpiredAsync(ParkingDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        var ended = 0;
        int found;
        do
        {
            var (count, batch) = await EndBatchAsync(db, calendar, ct);
            (found, ended) = (count, ended + batch);
        }
        while (found == Batch);

        return ended;
    }

    private static async Task<(int Found, int Ended)> EndBatchAsync(ParkingDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        var today = calendar.Today;
        var due = await db.Allocations.IgnoreQueryFilters().Where(a => a.Kind == AllocationKind.Lease && a.EndedAt == null && a.EndsOn <= today)
            .OrderBy(a => a.EndsOn).ThenBy(a => a.Id).Select(a => new { a.Id, a.SpaceId }).Take(Batch).ToListAsync(ct);
        var ended = 0;
        foreach (var lease in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.AcquireAsync($"parking-space:{lease.SpaceId}", ct);
            var allocation = await db.Allocations.IgnoreQueryFilters().FirstAsync(a => a.Id == lease.Id, ct);
            var space = await db.Spaces.IgnoreQueryFilters().FirstAsync(s => s.Id == allocation.SpaceId, ct);
            var now = calendar.Now;
            if (space.ExpireLease(allocation, calendar.DateOf(now), now) is null)
            {
                db.AddRecordedEvents(space, now);
                await db.SaveChangesAsync(ct);
                ended++;
            }

            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }

        return (due.Count, ended);
    }
}

/// <summary>Ends leases at their term (Parking:LeaseSweepInterval, default one hour).</summary>
public sealed class LeaseExpiryJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<LeaseExpiryJob> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => configuration.GetValue("Parking:LeaseSweepInterval", TimeSpan.FromHours(1));

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var ended = await LeaseEnding.EndExpiredAsync(
            scope.ServiceProvider.GetRequiredService<ParkingDbContext>(), scope.ServiceProvider.GetRequiredService<BusinessCalendar>(), cancellationToken);
        if (ended > 0)
        {
            logger.LogInformation("Ended {Count} leases at their term", ended);
        }
    }
}
