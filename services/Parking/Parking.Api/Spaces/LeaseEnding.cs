using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Time;
using Platform.Contracts.Events;
using Platform.Parking.Api.Infrastructure;
using Platform.Parking.Domain.Spaces;

namespace Platform.Parking.Api.Spaces;

/// <summary>Ends leases: early on request, or at their term (the daily sweep). The space returns to the state it had before.</summary>
public static class LeaseEnding
{
    public static async Task EndAsync(ParkingDbContext db, SpaceAllocation lease, string reason, BusinessCalendar calendar, CancellationToken ct)
    {
        var now = calendar.Now;
        var space = await db.Spaces.IgnoreQueryFilters().FirstAsync(s => s.Id == lease.SpaceId, ct);
        lease.EndedAt = now;
        space.State = lease.StateBefore == SpaceState.Sold ? SpaceState.Sold : SpaceState.Free;
        var endedOn = reason == "term" && lease.EndsOn is { } endsOn ? endsOn : calendar.DateOf(now);
        db.AddIntegrationEvent(new LeaseEnded(lease.Id, space.Id, space.CommunityId, endedOn, reason, now), now);
    }

    /// <summary>Ends every lease whose term is over, each under its space's lock; returns how many.</summary>
    public static async Task<int> EndExpiredAsync(ParkingDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        var today = calendar.Today;
        var due = await db.Allocations.IgnoreQueryFilters().Where(a => a.Kind == AllocationKind.Lease && a.EndedAt == null && a.EndsOn <= today)
            .OrderBy(a => a.EndsOn).Select(a => new { a.Id, a.SpaceId }).Take(500).ToListAsync(ct);
        var ended = 0;
        foreach (var lease in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.AcquireAsync($"parking-space:{lease.SpaceId}", ct);
            var allocation = await db.Allocations.IgnoreQueryFilters().FirstAsync(a => a.Id == lease.Id, ct);
            if (allocation.EndedAt is null)
            {
                await EndAsync(db, allocation, "term", calendar, ct);
                await db.SaveChangesAsync(ct);
                ended++;
            }

            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }

        return ended;
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
