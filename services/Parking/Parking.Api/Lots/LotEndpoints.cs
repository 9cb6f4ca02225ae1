using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Parking.Api.Infrastructure;

namespace Platform.Parking.Api.Lots;

/// <summary>Car parks with their tariffs (property companies, the housing bureau), and each community's price caps (Development &amp; Reform).</summary>
public static class LotEndpoints
{
    public static RouteGroupBuilder MapLotEndpoints(this RouteGroupBuilder api)
    {
        var lots = api.MapGroup("").WithTags("Lots");
        lots.MapPost("/communities/{communityId:guid}/lots", Create).WithName("CreateParkingLot")
            .WithSummary("Open a car park with its capacity, tariff and operator; the tariff must be within the community's caps")
            .RequireScope(Scopes.ParkingWrite).AsAuditedCommand();
        lots.MapGet("/communities/{communityId:guid}/lots", List).WithName("ListParkingLots").WithSummary("A community's car parks").RequireScope(Scopes.ParkingRead);
        lots.MapGet("/lots/{lotId:guid}", Get).WithName("GetParkingLot").WithSummary("A car park with its tariff").RequireScope(Scopes.ParkingRead);
        lots.MapPut("/lots/{lotId:guid}/tariff", SetTariff).WithName("SetParkingTariff")
            .WithSummary("Change a car park's temporary-parking tariff, within the community's caps").RequireScope(Scopes.ParkingWrite).AsAuditedCommand();
        lots.MapPut("/communities/{communityId:guid}/price-caps", SetCaps).WithName("SetParkingPriceCaps")
            .WithSummary("Set a community's ceilings for space prices, rents and temporary tariffs (Development & Reform)")
            .RequireScope(Scopes.ParkingPriceCaps).RequireOrganisation(OrganisationTypes.DevelopmentAndReform).AsAuditedCommand();
        lots.MapGet("/communities/{communityId:guid}/price-caps", GetCaps).WithName("GetParkingPriceCaps")
            .WithSummary("A community's parking price ceilings").RequireScope(Scopes.ParkingRead);
        lots.MapGet("/lots/{lotId:guid}/utilisation", Utilisation).WithName("GetParkingUtilisation")
            .WithSummary(
                "Occupied space-hours over available space-hours between two instants (at most 366 days; by default the last 24 hours)")
            .RequireScope(Scopes.ParkingRead).OpenToLotOperator();
        return api;
    }

    public static async Task<Results<Created<LotResponse>, ProblemHttpResult>> Create(
        Guid communityId, CreateLotRequest request, ParkingDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var tariff = request.Tariff!;
        var caps = await db.PriceCapsOfAsync(communityId, ct);
        if (!caps.AllowsTariff(tariff.FenPerHour!.Value, tariff.DailyCapFen!.Value))
        {
            return Problems.Conflict("tariff_over_cap", ParkingText.Messages, caps.MaxFenPerHour, caps.MaxDailyCapFen);
        }

        if (await db.Lots.IgnoreQueryFilters().AnyAsync(l => l.CommunityId == communityId && l.Name == request.Name!.Trim(), ct))
        {
            return Problems.Conflict("lot_name_taken", ParkingText.Messages, request.Name!.Trim());
        }

        var now = time.GetUtcNow();
        var lot = new ParkingLot
        {
            Id = Guid.CreateVersion7(now), CommunityId = communityId, Name = request.Name!.Trim(), Capacity = request.Capacity!.Value, OperatorId = request.OperatorId,
            VisitorSpaceOwnership = request.VisitorSpaceOwnership!.Value, FreeMinutes = tariff.FreeMinutes!.Value, FenPerHour = tariff.FenPerHour.Value,
            DailyCapFen = tariff.DailyCapFen.Value, DuplicateWindowSeconds = request.DuplicateWindowSeconds ?? 30, CreatedAt = now,
        };
        db.Lots.Add(lot);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{ParkingApi.Prefix}/lots/{lot.Id}", LotResponse.From(lot));
    }

    public static async Task<Results<Ok<Page<LotResponse>>, ProblemHttpResult>> List(
        Guid communityId, [AsParameters] PageQuery page, ParkingDbContext db, CancellationToken ct)
    {
        // An operator sees the lots it runs even in a community it does not otherwise see.
        var lots = await db.Lots.AsNoTracking().Where(l => l.CommunityId == communityId).OrderBy(l => l.Name).ThenBy(l => l.Id)
            .PageAsync(page, (l, _) => LotResponse.From(l), ct);
        return lots.Total > 0 || await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok(lots)
            : Problems.NotFound("community");
    }

    public static async Task<Results<Ok<LotResponse>, ProblemHttpResult>> Get(Guid lotId, ParkingDbContext db, CancellationToken ct) =>
        await db.Lots.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lotId, ct) is { } lot ? TypedResults.Ok(LotResponse.From(lot)) : Problems.NotFound("parking_lot");

    public static async Task<Results<Ok<LotResponse>, ProblemHttpResult>> SetTariff(Guid lotId, TariffRequest request, ParkingDbContext db, CancellationToken ct)
    {
        var lot = await db.Lots.FirstOrDefaultAsync(l => l.Id == lotId, ct);
        if (lot is null)
        {
            return Problems.NotFound("parking_lot");
        }

        var caps = await db.PriceCapsOfAsync(lot.CommunityId, ct);
        if (!caps.AllowsTariff(request.FenPerHour!.Value, request.DailyCapFen!.Value))
        {
            return Problems.Conflict("tariff_over_cap", ParkingText.Messages, caps.MaxFenPerHour, caps.MaxDailyCapFen);
        }

        (lot.FreeMinutes, lot.FenPerHour, lot.DailyCapFen) = (request.FreeMinutes!.Value, request.FenPerHour.Value, request.DailyCapFen.Value);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LotResponse.From(lot));
    }

    public static async Task<Results<Ok<PriceCapsResponse>, ProblemHttpResult>> SetCaps(
        Guid communityId, SetPriceCapsRequest request, ParkingDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var caps = await db.PriceCaps.FirstOrDefaultAsync(c => c.CommunityId == communityId, ct);
        if (caps is null)
        {
            caps = new CommunityPriceCaps { CommunityId = communityId, SetBy = access.Actor };
            db.PriceCaps.Add(caps);
        }

        (caps.MaxSalePriceFen, caps.MaxMonthlyRentFen, caps.MaxFenPerHour, caps.MaxDailyCapFen) =
            (request.MaxSalePriceFen, request.MaxMonthlyRentFen, request.MaxFenPerHour, request.MaxDailyCapFen);
        (caps.SetBy, caps.SetAt) = (access.Actor, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PriceCapsResponse.From(communityId, caps));
    }

    public static async Task<Results<Ok<PriceCapsResponse>, ProblemHttpResult>> GetCaps(Guid communityId, ParkingDbContext db, CancellationToken ct) =>
        await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok(PriceCapsResponse.From(communityId, await db.PriceCaps.AsNoTracking().FirstOrDefaultAsync(c => c.CommunityId == communityId, ct)))
            : Problems.NotFound("community");

    public static async Task<Results<Ok<UtilisationResponse>, ValidationProblem, ProblemHttpResult>> Utilisation(
        Guid lotId, DateTimeOffset? from, DateTimeOffset? to, ParkingDbContext db, TimeProvider time, CancellationToken ct)
    {
        // Without a window: the last 24 hours.
        var end = (to ?? time.GetUtcNow()).ToUniversalTime();
        var start = (from ?? end.AddHours(-24)).ToUniversalTime();
        if (end <= start || end - start > TimeSpan.FromDays(366))
        {
            return Problems.Validation(new ValidationErrors().Add("to", "error.invalid_range"), ParkingText.Messages);
        }

        var lot = await db.Lots.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lotId, ct);
        if (lot is null)
        {
            return Problems.NotFound("parking_lot");
        }

        // Each stay clipped to the window; a vehicle still inside counts up to the window's end.
        var occupiedSeconds = await db.Database.SqlQuery<decimal>($"""
            SELECT COALESCE(SUM(EXTRACT(EPOCH FROM LEAST(COALESCE(exited_at, {end}), {end}) - GREATEST(entered_at, {start}))), 0) AS "Value"
            FROM parking_sessions
            WHERE lot_id = {lotId} AND entered_at < {end} AND (exited_at IS NULL OR exited_at > {start})
            """).SingleAsync(ct);
        var occupied = Math.Round(occupiedSeconds / 3600m, 2);
        var available = Math.Round(lot.Capacity * (decimal)(end - start).TotalHours, 2);
        return TypedResults.Ok(new UtilisationResponse(lotId, start, end, occupied, available, available == 0 ? 0 : Math.Round(occupied / available, 4)));
    }
}
