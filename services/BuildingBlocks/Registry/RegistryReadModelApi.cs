using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;

namespace Platform.BuildingBlocks.Registry;

public sealed record RegistryCommunityResponse(Guid Id, string Name, Guid TownshipId, Guid? PropertyCompanyId, int StarLevel, bool IsOldCommunity);

public sealed record RegistryUnitResponse(
    Guid Id, Guid CommunityId, Guid BuildingId, string BuildingNumber, string UnitNumber,
    decimal ExclusiveArea, UnitUse Use, AreaSource AreaSource, Guid? OwnerId, bool? OwnedByDeveloper);

/// <summary>Read-only view of a service's registry copy: what it knows of communities and units, and how current it is.</summary>
public static class RegistryReadModelApi
{
    public static RouteGroupBuilder MapRegistryReadModelApi(this IEndpointRouteBuilder endpoints, string prefix, string readScope)
    {
        var group = endpoints.MapGroup($"{prefix}/registry").WithTags("Registry read model").RequireScope(readScope);

        group.MapGet("/communities", RegistryReadModelHandlers.ListCommunities)
            .WithSummary("Communities known to this service (copied from governance events)");
        group.MapGet("/units/{unitId:guid}", RegistryReadModelHandlers.GetUnit)
            .WithSummary("One unit as this service knows it");
        group.MapGet("/communities/{communityId:guid}/units", RegistryReadModelHandlers.ListUnits)
            .WithSummary("Units of a community as this service knows them");

        return group;
    }
}

internal static class RegistryReadModelHandlers
{
    public static async Task<Ok<List<RegistryCommunityResponse>>> ListCommunities(ServiceDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<RegistryCommunity>().AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new RegistryCommunityResponse(c.Id, c.Name, c.TownshipId, c.PropertyCompanyId, c.StarLevel, c.IsOldCommunity))
            .ToListAsync(ct));

    public static async Task<Results<Ok<RegistryUnitResponse>, ProblemHttpResult>> GetUnit(Guid unitId, ServiceDbContext db, CancellationToken ct) =>
        await Units(db, u => u.Id == unitId).FirstOrDefaultAsync(ct) is { } unit
            ? TypedResults.Ok(unit)
            : Problems.NotFound("unit");

    public static async Task<Results<Ok<List<RegistryUnitResponse>>, ProblemHttpResult>> ListUnits(Guid communityId, ServiceDbContext db, CancellationToken ct) =>
        await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok(await Units(db, u => u.CommunityId == communityId).ToListAsync(ct))
            : Problems.NotFound("community");

    /// <summary>Units with their current owner, filtered before the projection so PostgreSQL does the work.</summary>
    private static IQueryable<RegistryUnitResponse> Units(ServiceDbContext db, Expression<Func<RegistryUnit, bool>> filter) =>
        from unit in db.Set<RegistryUnit>().AsNoTracking().Where(filter)
        join owner in db.Set<RegistryUnitOwner>().AsNoTracking() on unit.Id equals owner.UnitId into owners
        from owner in owners.DefaultIfEmpty()
        orderby unit.BuildingNumber, unit.UnitNumber
        select new RegistryUnitResponse(
            unit.Id, unit.CommunityId, unit.BuildingId, unit.BuildingNumber, unit.UnitNumber,
            unit.ExclusiveArea, unit.Use, unit.AreaSource,
            owner == null ? null : owner.OwnerId,
            owner == null ? null : owner.IsDeveloper);
}
