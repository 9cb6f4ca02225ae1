using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.Parking.Api.Infrastructure;
using Platform.Parking.Api.Lots;
using Platform.Parking.Domain.Plates;
using Platform.Parking.Domain.Spaces;

namespace Platform.Parking.Api.Gates;

/// <summary>What became of a gate event: decided, or refused as bad input, an unknown lot, or against a rule.</summary>
public abstract record GateOutcome
{
    public sealed record Decided(GateDecisionResponse Decision) : GateOutcome;

    public sealed record Invalid(ValidationErrors Errors) : GateOutcome;

    public sealed record LotNotFound : GateOutcome;

    public sealed record Refused(string Code, object?[] Args) : GateOutcome;
}

/// <summary>
/// Decides gate events for REST and gRPC alike. Entry: a blacklisted plate is refused; a registered vehicle or a visitor
/// is let in and its session opened (a visitor's is charged at exit). Exit: the session is closed and a visitor's fee
/// computed from the lot's tariff; on owners-common spaces that fee is public income (<see cref="ParkingRevenueRecorded"/>).
/// A gate's repeat of an event (same gate, plate and direction within the lot's window) gets the first decision again and
/// writes nothing. Events for one plate in one lot are decided one at a time; the lot's live count moves under its
/// shared lock (see <see cref="LotOccupancy"/>).
/// </summary>
public sealed class GateDesk(ParkingDbContext db, LotOccupancy occupancy, CallerAccess access, IConfiguration configuration, BusinessCalendar calendar)
{
    public async Task<GateOutcome> DecideAsync(Guid lotId, GateEventRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        request.Validate(errors);
        var now = calendar.Now;
        var skew = configuration.GetValue("Parking:GateClockSkew", TimeSpan.FromMinutes(2));
        var maxDelay = configuration.GetValue("Parking:GateEventMaxDelay", TimeSpan.FromDays(7));
        if (request.At is { } sent && sent > now + skew)
        {
            errors.Add("at", "error.after_now_beyond_skew", (int)skew.TotalSeconds);
        }
        else if (request.At is { } old && old < now - maxDelay)
        {
            errors.Add("at", "error.too_late", (int)maxDelay.TotalDays);
        }

        if (!errors.IsEmpty)
        {
            return new GateOutcome.Invalid(errors);
        }

        var lot = await db.Lots.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lotId, ct);
        if (lot is null)
        {
            return new GateOutcome.LotNotFound();
        }

        var plate = Plate.Normalize(request.Plate)!;
        // Kept to the second, as gate cameras report it (PostgreSQL keeps microseconds, .NET ticks: stays must not gain a fraction).
        var at = TruncateToSecond(request.At!.Value.ToUniversalTime());
        var gate = request.GateId!.Trim();
        var direction = request.Direction!.Value;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.AcquireSharedAsync(OccupancyLock(lotId), ct);
        await db.Database.AcquireAsync($"parking-plate:{lotId}:{plate}", ct);

        var window = TimeSpan.FromSeconds(lot.DuplicateWindowSeconds);
        var (from, to) = (at - window, at + window);
        var earlier = await db.GateEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.LotId == lotId && e.GateId == gate && e.Plate == plate && e.Direction == direction && e.At >= from && e.At <= to)
            .OrderBy(e => e.ReceivedAt).FirstOrDefaultAsync(ct);
        if (earlier is not null)
        {
            return new GateOutcome.Decided(new GateDecisionResponse(earlier.Decision, earlier.Reason, plate, earlier.SessionId, earlier.FeeFen, Duplicate: true));
        }

        var inside = await db.Sessions.IgnoreQueryFilters().FirstOrDefaultAsync(s => s.LotId == lotId && s.Plate == plate && s.ExitedAt == null, ct);
        GateDecisionResponse decision;
        var delta = 0;
        if (direction == GateDirection.Entry)
        {
            if (await db.BlacklistedPlates.IgnoreQueryFilters().AnyAsync(b => b.CommunityId == lot.CommunityId && b.Plate == plate, ct))
            {
                decision = new GateDecisionResponse("refuse", "blacklisted", plate, null, 0, false);
            }
            else if (inside is not null)
            {
                // The exit was never seen (a camera missed it): the vehicle is let in on the stay already open.
                decision = new GateDecisionResponse("open", "already_inside", plate, inside.Id, 0, false);
            }
            else
            {
                var registered = await db.Vehicles.IgnoreQueryFilters().AnyAsync(v => v.CommunityId == lot.CommunityId && v.Plate == plate, ct);
                var session = new ParkingSession
                {
                    Id = Guid.CreateVersion7(now), LotId = lotId, CommunityId = lot.CommunityId, Plate = plate,
                    Kind = registered ? SessionKind.Registered : SessionKind.Visitor, EnteredAt = at,
                };
                db.Sessions.Add(session);
                delta = 1;
                decision = new GateDecisionResponse("open", registered ? "registered" : "visitor", plate, session.Id, 0, false);
            }
        }
        else
        {
            if (inside is null)
            {
                return new GateOutcome.Refused("no_entry", [plate]);
            }

            if (at < inside.EnteredAt)
            {
                return new GateOutcome.Refused("exit_before_entry", [plate, inside.EnteredAt]);
            }

            var fee = inside.Kind == SessionKind.Visitor ? lot.Tariff.Fee(inside.EnteredAt, at) : 0;
            (inside.ExitedAt, inside.FeeFen) = (at, fee);
            delta = -1;
            decision = new GateDecisionResponse("open", fee > 0 ? "paid" : inside.Kind == SessionKind.Registered ? "registered" : "free_period", plate, inside.Id, fee, false);
            if (fee > 0)
            {
                db.AddIntegrationEvent(new ParkingRevenueRecorded(inside.Id, lot.CommunityId, lotId, fee, lot.VisitorSpaceOwnership == SpaceOwnership.OwnersCommon,
                    calendar.DateOf(at), now), now);
            }
        }

        db.GateEvents.Add(new GateEvent
        {
            Id = Guid.CreateVersion7(now), LotId = lotId, GateId = gate, Plate = plate, Direction = direction, At = at, Decision = decision.Decision,
            Reason = decision.Reason, SessionId = decision.SessionId, FeeFen = decision.FeeFen, SentBy = access.Actor, ReceivedAt = now,
        });
        await db.SaveChangesAsync(ct);
        if (delta != 0 && !await occupancy.TryAddAsync(lotId, delta))
        {
            await db.Lots.IgnoreQueryFilters().Where(l => l.Id == lotId).ExecuteUpdateAsync(l => l.SetProperty(x => x.OccupancyStale, true), ct);
        }

        try
        {
            await transaction.CommitAsync(ct);
        }
        catch when (delta != 0)
        {
            await occupancy.ForgetAsync(lotId);
            throw;
        }

        return new GateOutcome.Decided(decision);
    }

    /// <summary>The live count from Redis, or recounted from the open sessions when Redis has none, is stale or is down.</summary>
    public async Task<OccupancyResponse?> OccupancyAsync(Guid lotId, bool recount, CancellationToken ct)
    {
        var lot = await db.Lots.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lotId, ct);
        if (lot is null)
        {
            return null;
        }

        if (!recount && !lot.OccupancyStale && await occupancy.GetAsync(lotId) is { } live)
        {
            return new OccupancyResponse(lotId, live, lot.Capacity, "live");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.AcquireAsync(OccupancyLock(lotId), ct);
        var occupied = await db.Sessions.IgnoreQueryFilters().LongCountAsync(s => s.LotId == lotId && s.ExitedAt == null, ct);
        if (await occupancy.TrySetAsync(lotId, occupied))
        {
            await db.Lots.IgnoreQueryFilters().Where(l => l.Id == lotId && l.OccupancyStale).ExecuteUpdateAsync(l => l.SetProperty(x => x.OccupancyStale, false), ct);
        }

        await transaction.CommitAsync(ct);
        return new OccupancyResponse(lotId, occupied, lot.Capacity, "database");
    }

    private static string OccupancyLock(Guid lotId) => $"parking-occupancy:{lotId}";

    private static DateTimeOffset TruncateToSecond(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
