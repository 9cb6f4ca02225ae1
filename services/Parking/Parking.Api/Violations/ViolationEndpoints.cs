using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;
using Platform.Parking.Api.Vehicles;
using Platform.Contracts.Events;
using Platform.Parking.Api.Infrastructure;
using Platform.Parking.Domain.Plates;

namespace Platform.Parking.Api.Violations;

public sealed record ReportViolationRequest(ViolationKind? Kind, string? Location, string? Plate, string? PhotoReference, string? Reporter) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) =>
        errors.Defined("kind", Kind).Required("location", Location).Required("photoReference", PhotoReference, 500).Required("reporter", Reporter, 100)
            .Plate("plate", Plate);
}

public sealed record ViolationResponse(
    Guid Id, Guid CommunityId, ViolationKind Kind, string Location, string Plate, string PhotoReference, string ReportedBy, DateTimeOffset ReportedAt,
    Guid? NotifiedOwnerId, DateTimeOffset DeadlineAt, DateTimeOffset? ClearedAt, DateTimeOffset? EscalatedAt)
{
    public static ViolationResponse From(Violation v) =>
        new(v.Id, v.CommunityId, v.Kind, v.Location, v.Plate, v.PhotoReference, v.ReportedBy, v.ReportedAt, v.NotifiedOwnerId, v.DeadlineAt, v.ClearedAt, v.EscalatedAt);
}

/// <summary>Where a violation stands: open, cleared (the vehicle was moved), or escalated to the Police past its deadline.</summary>
public enum ViolationStatus
{
    Open,
    Cleared,
    Escalated,
}

/// <summary>
/// The county-wide list's filter: a status, business dates (county zone, inclusive) of the report, a page. The status is
/// read as text so "1" or "Towed" is a 400 naming <c>status</c> (Enum.TryParse alone would take any number).
/// </summary>
public sealed record ViolationQuery(string? Status, DateOnly? From, DateOnly? To, int? Offset, int? Limit) : IValidatableRequest
{
    public PageQuery Page => new(Offset, Limit);

    public ViolationStatus? StatusValue =>
        Status is { Length: > 0 } text && text.All(char.IsAsciiLetter) && Enum.TryParse(text, ignoreCase: true, out ViolationStatus value)
            ? value
            : null;

    public void Validate(ValidationErrors errors)
    {
        if (Status is not null && StatusValue is null)
        {
            errors.Add("status", "error.unknown_value");
        }

        Page.Validate(errors);

        foreach (var (field, date) in new[] { ("from", From), ("to", To) })
        {
            if (date is { } day && !PlausibleDates.Contains(day))
            {
                errors.Add(field, "error.out_of_range", PlausibleDates.Earliest.ToString("O"), PlausibleDates.Latest.ToString("O"));
            }
        }

        if (From is not null && To is not null && To < From)
        {
            errors.Add("to", "error.invalid_range");
        }
    }
}

/// <summary>A violation as an officer needs it: which community, where, which plate, when reported and handed over.</summary>
public sealed record ViolationListItem(
    Guid Id, Guid CommunityId, string CommunityName, ViolationKind Kind, string Location, string Plate, string PhotoReference,
    DateTimeOffset ReportedAt, DateTimeOffset DeadlineAt, DateTimeOffset? ClearedAt, DateTimeOffset? EscalatedAt, ViolationStatus Status)
{
    public static ViolationListItem From(Violation v, string communityName) =>
        new(v.Id, v.CommunityId, communityName, v.Kind, v.Location, v.Plate, v.PhotoReference, v.ReportedAt, v.DeadlineAt, v.ClearedAt,
            v.EscalatedAt, StatusOf(v));

    private static ViolationStatus StatusOf(Violation v) =>
        v.ClearedAt is not null ? ViolationStatus.Cleared : v.EscalatedAt is not null ? ViolationStatus.Escalated : ViolationStatus.Open;
}

/// <summary>Per community: reported, cleared in time, escalated to the Police, still open.</summary>
public sealed record ViolationCountResponse(Guid CommunityId, int Reported, int Cleared, int Escalated, int Open);

/// <summary>
/// Vehicles in fire lanes or on walkways (seed item 3): reported with location, plate and photo; the registered holder is
/// notified; not cleared by the deadline (Parking:ViolationDeadline, default 24 hours) they go to the Police.
/// </summary>
public static class ViolationEndpoints
{
    public static RouteGroupBuilder MapViolationEndpoints(this RouteGroupBuilder api)
    {
        var violations = api.MapGroup("").WithTags("Violations");
        violations.MapPost("/communities/{communityId:guid}/violations", Report).WithName("ReportParkingViolation")
            .WithSummary("Report a vehicle in a fire lane or on a walkway; its registered holder is notified").RequireScope(Scopes.ParkingWrite).AsAuditedCommand();
        violations.MapGet("/communities/{communityId:guid}/violations", List).WithName("ListParkingViolations")
            .WithSummary("A community's violations, newest first").RequireScope(Scopes.ParkingRead);
        violations.MapPost("/violations/{violationId:guid}/clearance", Clear).WithName("ClearParkingViolation")
            .WithSummary("Record that the vehicle was moved").RequireScope(Scopes.ParkingWrite).AsAuditedCommand();
        violations.MapGet("/violation-counts", Counts).WithName("CountParkingViolations")
            .WithSummary("Violations per community between two dates (housing bureau, Police)").RequireScope(Scopes.ParkingRead).RequireCountyWide();
        violations.MapGet("/violations", ListCountyWide).WithName("ListCountyParkingViolations")
            .WithSummary("Violations across the county, newest first, by status and report date, a page at a time (Police, housing bureau)")
            .RequireScope(Scopes.ParkingRead).RequireCountyWide();
        return api;
    }

    public static async Task<Results<Created<ViolationResponse>, ProblemHttpResult>> Report(
        Guid communityId, ReportViolationRequest request, ParkingDbContext db, IConfiguration configuration, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var plate = Plate.Normalize(request.Plate)!;
        var holder = await db.Vehicles.IgnoreQueryFilters().Where(v => v.CommunityId == communityId && v.Plate == plate).Select(v => (Guid?)v.OwnerId).FirstOrDefaultAsync(ct);
        var now = time.GetUtcNow();
        var violation = new Violation
        {
            Id = Guid.CreateVersion7(now), CommunityId = communityId, Kind = request.Kind!.Value, Location = request.Location!.Trim(), Plate = plate,
            PhotoReference = request.PhotoReference!.Trim(), ReportedBy = request.Reporter!.Trim(), ReportedAt = now, NotifiedOwnerId = holder,
            DeadlineAt = now + configuration.GetValue("Parking:ViolationDeadline", TimeSpan.FromHours(24)),
        };
        db.Violations.Add(violation);
        db.AddIntegrationEvent(new ParkingViolationReported(violation.Id, communityId, violation.Kind.ToString(), holder is not null, violation.DeadlineAt, now), now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{ParkingApi.Prefix}/communities/{communityId}/violations", ViolationResponse.From(violation));
    }

    public static async Task<Results<Ok<Page<ViolationResponse>>, ProblemHttpResult>> List(
        Guid communityId, [AsParameters] PageQuery page, ParkingDbContext db, CancellationToken ct) =>
        await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok(await db.Violations.AsNoTracking().Where(v => v.CommunityId == communityId).OrderByDescending(v => v.ReportedAt)
                .ThenByDescending(v => v.Id).PageAsync(page, (v, _) => ViolationResponse.From(v), ct))
            : Problems.NotFound("community");

    public static async Task<Results<Ok<ViolationResponse>, ProblemHttpResult>> Clear(
        Guid violationId, ParkingDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        var violation = await db.Violations.FirstOrDefaultAsync(v => v.Id == violationId, ct);
        if (violation is null)
        {
            return Problems.NotFound("violation");
        }

        if (violation.ClearedAt is not null || violation.EscalatedAt is not null)
        {
            return Problems.Conflict("violation_closed", ParkingText.Messages);
        }

        (violation.ClearedAt, violation.ClearedBy) = (time.GetUtcNow(), access.Actor);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ViolationResponse.From(violation));
    }

    public static async Task<Ok<Page<ViolationListItem>>> ListCountyWide(
        [AsParameters] ViolationQuery query, ParkingDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        var violations = db.Violations.AsNoTracking();
        violations = query.StatusValue switch
        {
            ViolationStatus.Open => violations.Where(v => v.ClearedAt == null && v.EscalatedAt == null),
            ViolationStatus.Cleared => violations.Where(v => v.ClearedAt != null),
            ViolationStatus.Escalated => violations.Where(v => v.EscalatedAt != null),
            _ => violations,
        };
        if (query.From is { } from)
        {
            var start = calendar.StartOf(from);
            violations = violations.Where(v => v.ReportedAt >= start);
        }

        if (query.To is { } to)
        {
            var end = calendar.StartOf(to.AddDays(1));
            violations = violations.Where(v => v.ReportedAt < end);
        }

        var (offset, limit) = (query.Page.Skip, query.Page.Take);
        var total = await violations.CountAsync(ct);
        var page = await violations.OrderByDescending(v => v.ReportedAt).ThenByDescending(v => v.Id).Skip(offset).Take(limit)
            .ToListAsync(ct);
        var communityIds = page.Select(v => v.CommunityId).Distinct().ToList();
        var names = await db.Set<RegistryCommunity>().AsNoTracking().Where(c => communityIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var items = page.Select(v => ViolationListItem.From(v, names.GetValueOrDefault(v.CommunityId, ""))).ToList();
        return TypedResults.Ok(new Page<ViolationListItem>(items, total, offset, limit));
    }

    /// <summary>Reports per community between two business dates (county zone, inclusive), both required.</summary>
    public static async Task<Results<Ok<List<ViolationCountResponse>>, ValidationProblem>> Counts(
        DateOnly? from, DateOnly? to, ParkingDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        new ViolationQuery(null, from, to, null, null).Validate(errors);
        if (from is null || to is null)
        {
            errors.Add(from is null ? "from" : "to", "error.required");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors, ParkingText.Messages);
        }

        var start = calendar.StartOf(from!.Value);
        var end = calendar.StartOf(to!.Value.AddDays(1));
        var counts = await db.Violations.AsNoTracking().Where(v => v.ReportedAt >= start && v.ReportedAt < end).GroupBy(v => v.CommunityId)
            .Select(g => new ViolationCountResponse(g.Key, g.Count(), g.Count(v => v.ClearedAt != null), g.Count(v => v.EscalatedAt != null),
                g.Count(v => v.ClearedAt == null && v.EscalatedAt == null)))
            .ToListAsync(ct);
        return TypedResults.Ok(counts.OrderBy(c => c.CommunityId).ToList());
    }
}

/// <summary>Escalates to the Police every violation past its deadline and not cleared (Parking:ViolationSweepInterval, default five minutes).</summary>
public sealed class ViolationEscalationJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<ViolationEscalationJob> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => configuration.GetValue("Parking:ViolationSweepInterval", TimeSpan.FromMinutes(5));

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var escalated = await EscalateAsync(scope.ServiceProvider.GetRequiredService<ParkingDbContext>(), Time.GetUtcNow(), cancellationToken);
        if (escalated > 0)
        {
            logger.LogInformation("Escalated {Count} parking violations to the Police", escalated);
        }
    }

    /// <summary>One transaction per sweep; FOR UPDATE SKIP LOCKED so two replicas never escalate the same violation.</summary>
    public static async Task<int> EscalateAsync(ParkingDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Violations.FromSql($"""
            SELECT * FROM parking_violations WHERE cleared_at IS NULL AND escalated_at IS NULL AND deadline_at <= {now}
            ORDER BY deadline_at LIMIT 500 FOR UPDATE SKIP LOCKED
            """).IgnoreQueryFilters().ToListAsync(ct);
        foreach (var violation in due)
        {
            violation.EscalatedAt = now;
            db.AddIntegrationEvent(new ParkingViolationEscalated(violation.Id, violation.CommunityId, violation.Kind.ToString(), now), now);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return due.Count;
    }
}
