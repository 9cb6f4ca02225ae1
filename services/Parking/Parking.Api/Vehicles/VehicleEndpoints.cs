using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Parking.Api.Infrastructure;
using Platform.Parking.Domain.Plates;

namespace Platform.Parking.Api.Vehicles;

public sealed record RegisterVehicleRequest(string? Plate, VehicleHolder? Holder, Guid? OwnerId, Guid? UnitId) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) =>
        errors.Plate("plate", Plate).Defined("holder", Holder).RequiredId("ownerId", OwnerId).RequiredId("unitId", UnitId);
}

public sealed record BlacklistPlateRequest(string? Plate, string? Reason) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.Plate("plate", Plate).Required("reason", Reason, 500);
}

public sealed record VehicleResponse(Guid Id, string Plate, VehicleHolder Holder, Guid OwnerId, Guid UnitId, DateTimeOffset RegisteredAt)
{
    public static VehicleResponse From(Vehicle v) => new(v.Id, v.Plate, v.Holder, v.OwnerId, v.UnitId, v.RegisteredAt);
}

public sealed record BlacklistedPlateResponse(Guid Id, string Plate, string Reason, DateTimeOffset AddedAt);

/// <summary>Vehicles of owners and tenants (the gates open for them), and plates the community's gates refuse.</summary>
public static class VehicleEndpoints
{
    public static RouteGroupBuilder MapVehicleEndpoints(this RouteGroupBuilder api)
    {
        var vehicles = api.MapGroup("").WithTags("Vehicles");
        vehicles.MapPost("/communities/{communityId:guid}/vehicles", Register).WithName("RegisterVehicle")
            .WithSummary("Register an owner's or tenant's vehicle by plate, against a unit and its owner").RequireScope(Scopes.ParkingWrite).AsAuditedCommand();
        vehicles.MapGet("/communities/{communityId:guid}/vehicles", List).WithName("ListVehicles")
            .WithSummary("A community's registered vehicles").RequireScope(Scopes.ParkingRead);
        vehicles.MapPost("/communities/{communityId:guid}/plate-blacklist", Blacklist).WithName("BlacklistPlate")
            .WithSummary("Have the community's gates refuse a plate, with the reason").RequireScope(Scopes.ParkingWrite).AsAuditedCommand();
        vehicles.MapGet("/communities/{communityId:guid}/plate-blacklist", Blacklisted).WithName("ListBlacklistedPlates")
            .WithSummary("Plates the community's gates refuse").RequireScope(Scopes.ParkingRead);
        return api;
    }

    public static async Task<Results<Created<VehicleResponse>, ValidationProblem, ProblemHttpResult>> Register(
        Guid communityId, RegisterVehicleRequest request, ParkingDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        if (!await db.Set<RegistryUnitOwner>().IgnoreQueryFilters()
                .AnyAsync(o => o.CommunityId == communityId && o.UnitId == request.UnitId && o.OwnerId == request.OwnerId, ct))
        {
            return Problems.Validation(new ValidationErrors().Add("ownerId", "error.not_the_units_owner"), ParkingText.Messages);
        }

        var plate = Plate.Normalize(request.Plate)!;
        if (await db.Vehicles.IgnoreQueryFilters().AnyAsync(v => v.CommunityId == communityId && v.Plate == plate, ct))
        {
            return Problems.Conflict("vehicle_registered", ParkingText.Messages, plate);
        }

        var now = time.GetUtcNow();
        var vehicle = new Vehicle
        {
            Id = Guid.CreateVersion7(now), CommunityId = communityId, Plate = plate, Holder = request.Holder!.Value, OwnerId = request.OwnerId!.Value,
            UnitId = request.UnitId!.Value, RegisteredBy = access.Actor, RegisteredAt = now,
        };
        db.Vehicles.Add(vehicle);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{ParkingApi.Prefix}/communities/{communityId}/vehicles", VehicleResponse.From(vehicle));
    }

    public static async Task<Results<Ok<Page<VehicleResponse>>, ProblemHttpResult>> List(
        Guid communityId, [AsParameters] PageQuery page, ParkingDbContext db, CancellationToken ct) =>
        await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok(await db.Vehicles.AsNoTracking().Where(v => v.CommunityId == communityId).OrderBy(v => v.Plate).ThenBy(v => v.Id)
                .PageAsync(page, (v, _) => VehicleResponse.From(v), ct))
            : Problems.NotFound("community");

    public static async Task<Results<Created<BlacklistedPlateResponse>, ProblemHttpResult>> Blacklist(
        Guid communityId, BlacklistPlateRequest request, ParkingDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var plate = Plate.Normalize(request.Plate)!;
        if (await db.BlacklistedPlates.IgnoreQueryFilters().AnyAsync(b => b.CommunityId == communityId && b.Plate == plate, ct))
        {
            return Problems.Conflict("plate_blacklisted", ParkingText.Messages, plate);
        }

        var now = time.GetUtcNow();
        var entry = new BlacklistedPlate { Id = Guid.CreateVersion7(now), CommunityId = communityId, Plate = plate, Reason = request.Reason!.Trim(), AddedBy = access.Actor, AddedAt = now };
        db.BlacklistedPlates.Add(entry);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{ParkingApi.Prefix}/communities/{communityId}/plate-blacklist", new BlacklistedPlateResponse(entry.Id, plate, entry.Reason, now));
    }

    public static async Task<Results<Ok<Page<BlacklistedPlateResponse>>, ProblemHttpResult>> Blacklisted(
        Guid communityId, [AsParameters] PageQuery page, ParkingDbContext db, CancellationToken ct) =>
        await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok(await db.BlacklistedPlates.AsNoTracking().Where(b => b.CommunityId == communityId).OrderBy(b => b.Plate).ThenBy(b => b.Id)
                .PageAsync(page, (b, _) => new BlacklistedPlateResponse(b.Id, b.Plate, b.Reason, b.AddedAt), ct))
            : Problems.NotFound("community");
}
