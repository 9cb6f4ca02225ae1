using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Registry;

public static class UnitEndpoints
{

    public static void MapUnitEndpoints(this RouteGroupBuilder api)
    {
        var units = api.MapGroup("").WithTags("Units");
        units.MapPost("/communities/{communityId:guid}/units", Register)
            .WithName("RegisterUnit").WithSummary("Register a unit (专有部分) with its first owner")
            .RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
        units.MapGet("/communities/{communityId:guid}/units", List)
            .WithName("ListUnits").WithSummary("Units of a community, by building and number, a page at a time")
            .RequireScope(Scopes.GovernanceRead);
        units.MapGet("/units/{unitId:guid}", Get).WithName("GetUnit").WithSummary("One unit").RequireScope(Scopes.GovernanceRead);
        units.MapGet("/units/{unitId:guid}/ownerships", Ownerships).WithName("ListOwnerships").WithSummary("Ownership history of a unit").RequireScope(Scopes.GovernanceRead);
        units.MapPost("/units/{unitId:guid}/ownership-transfers", Transfer)
            .WithName("TransferOwnership").WithSummary("Record a transfer (过户) to a registered owner")
            .RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
    }

    public static async Task<Results<Created<UnitResponse>, ValidationProblem, ProblemHttpResult>> Register(
        Guid communityId, RegisterUnitRequest request, GovernanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var building = await db.Buildings.FirstOrDefaultAsync(b => b.Id == request.BuildingId && b.CommunityId == communityId, ct);
        var owner = await db.Owners.FirstOrDefaultAsync(o => o.Id == request.OwnerId, ct);
        var errors = new ValidationErrors();
        if (building is null)
        {
            errors.Add("buildingId", "error.unknown_reference");
        }

        if (owner is null)
        {
            errors.Add("ownerId", "error.unknown_reference");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var number = request.Number!.Trim();
        if (await db.Units.AnyAsync(u => u.BuildingId == building!.Id && u.Number == number, ct))
        {
            return Problems.Conflict("unit_number_taken", GovernanceText.Messages, number);
        }

        var unit = UnitRegistration.Register(db, communityId, building!.Id, building.Number, number, request.ExclusiveArea!.Value,
            request.Use!.Value, request.AreaSource!.Value, owner!, request.OwnedSince!.Value, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/units/{unit.Id}", UnitResponse.From(unit));
    }

    public static async Task<Results<Ok<Page<UnitResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Guid communityId, GovernanceDbContext db, CancellationToken ct, int offset = 0, int limit = 100)
    {
        var errors = new ValidationErrors();
        new PageQuery(offset, limit).Validate(errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        if (!await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var query = from unit in db.Units.AsNoTracking()
                    join building in db.Buildings.AsNoTracking() on unit.BuildingId equals building.Id
                    where unit.CommunityId == communityId
                    orderby building.Number, unit.Number
                    select unit;
        var total = await query.CountAsync(ct);
        var page = await query.Skip(offset).Take(limit).ToListAsync(ct);
        return TypedResults.Ok(new Page<UnitResponse>(page.Select(UnitResponse.From).ToList(), total, offset, limit));
    }

    public static async Task<Results<Ok<UnitResponse>, ProblemHttpResult>> Get(Guid unitId, GovernanceDbContext db, CancellationToken ct) =>
        await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct) is { } unit
            ? TypedResults.Ok(UnitResponse.From(unit))
            : Problems.NotFound("unit");

    public static async Task<Results<Ok<List<OwnershipResponse>>, ProblemHttpResult>> Ownerships(Guid unitId, GovernanceDbContext db, CancellationToken ct)
    {
        if (!await db.Units.AnyAsync(u => u.Id == unitId, ct))
        {
            return Problems.NotFound("unit");
        }

        return TypedResults.Ok(await db.Ownerships.AsNoTracking().Where(o => o.UnitId == unitId).OrderBy(o => o.Since)
            .Select(o => new OwnershipResponse(o.Id, o.UnitId, o.OwnerId, o.Since, o.Until)).ToListAsync(ct));
    }

    public static async Task<Results<Created<OwnershipResponse>, ValidationProblem, ProblemHttpResult>> Transfer(
        Guid unitId, TransferOwnershipRequest request, GovernanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null)
        {
            return Problems.NotFound("unit");
        }

        var newOwner = await db.Owners.AsNoTracking().FirstOrDefaultAsync(o => o.Id == request.NewOwnerId, ct);
        if (newOwner is null)
        {
            return Problems.Validation("newOwnerId", "error.unknown_reference");
        }

        var current = await db.Ownerships.SingleAsync(o => o.UnitId == unitId && o.Until == null, ct);
        if (current.OwnerId != request.FromOwnerId)
        {
            return Problems.Conflict("seller_is_not_current_owner", GovernanceText.Messages);
        }

        if (current.OwnerId == newOwner.Id)
        {
            return Problems.Conflict("transfer_to_current_owner", GovernanceText.Messages);
        }

        var transferDate = request.TransferDate!.Value;
        if (!current.TryEnd(transferDate))
        {
            return Problems.Conflict("transfer_before_current_ownership", GovernanceText.Messages, current.Since.ToString("yyyy-MM-dd"));
        }

        var now = time.GetUtcNow();
        var next = new Ownership(Guid.CreateVersion7(now), unitId, unit.CommunityId, newOwner.Id, transferDate);
        db.Ownerships.Add(next);
        db.AddIntegrationEvent(new OwnershipTransferred(unitId, unit.CommunityId, current.OwnerId, newOwner.Id,
            newOwner.Kind == OwnerKind.Developer, transferDate, now), now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/units/{unitId}/ownerships",
            new OwnershipResponse(next.Id, next.UnitId, next.OwnerId, next.Since, next.Until));
    }
}
