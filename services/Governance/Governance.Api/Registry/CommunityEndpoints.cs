using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Contracts.Events;
using Platform.Governance.Api.Credit;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Api.StarLevels;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Registry;

public static class CommunityEndpoints
{
    public static void MapCommunityEndpoints(this RouteGroupBuilder api)
    {
        var communities = api.MapGroup("/communities").WithTags("Communities");
        communities.MapPost("/", Register).WithName("RegisterCommunity").WithSummary("Register a community (小区) under a township")
            .RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
        communities.MapGet("/", List).WithName("ListCommunities").WithSummary("List communities, optionally of one township")
            .RequireScope(Scopes.GovernanceRead);
        communities.MapGet("/{communityId:guid}", Get).WithName("GetCommunity").WithSummary("One community").RequireScope(Scopes.GovernanceRead);
        communities.MapPut("/{communityId:guid}/property-company", AssignPropertyCompany)
            .WithName("AssignPropertyCompany").WithSummary("Assign the property company serving the community")
            .RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
        communities.MapPost("/{communityId:guid}/buildings", RegisterBuilding).WithName("RegisterBuilding").WithSummary("Register a building")
            .RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
        communities.MapGet("/{communityId:guid}/buildings", ListBuildings).WithName("ListBuildings").WithSummary("Buildings of a community").RequireScope(Scopes.GovernanceRead);
    }

    public static async Task<Results<Created<CommunityResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterCommunityRequest request, GovernanceDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        if (!await db.Townships.AnyAsync(t => t.Id == request.TownshipId, ct))
        {
            return Problems.Validation("townshipId", "error.unknown_reference");
        }

        if (request.PropertyCompanyId is { } companyId && !await db.PropertyCompanies.AnyAsync(c => c.Id == companyId, ct))
        {
            return Problems.Validation("propertyCompanyId", "error.unknown_reference");
        }

        if (request.PropertyCompanyId is { } candidate && await Blacklisted(db, candidate, calendar, ct) is { } refused)
        {
            return refused;
        }

        var name = request.Name!.Trim();
        if (await db.Communities.AnyAsync(c => c.TownshipId == request.TownshipId && c.Name == name, ct))
        {
            return Problems.Conflict("community_name_taken", GovernanceText.Messages, name);
        }

        var now = calendar.Now;
        var community = new Community(Guid.CreateVersion7(), request.TownshipId!.Value, name, request.Address!.Trim(),
            request.StarLevel!.Value, request.IsOldCommunity ?? false);
        db.Communities.Add(community);
        if (request.PropertyCompanyId is { } assigned)
        {
            community.AssignPropertyCompany(assigned, calendar.DateOf(now), out _);
        }

        db.StarRatings.Add(new StarRating
        {
            Id = Guid.CreateVersion7(now), CommunityId = community.Id, StarLevel = community.StarLevel, EffectiveFrom = calendar.DateOf(now),
            Reason = "registration", RatedBy = "registration", RatedAt = now,
        });
        db.AddIntegrationEvent(new CommunityRegistered(community.Id, community.Name, community.TownshipId,
            community.PropertyCompanyId, community.StarLevel, community.IsOldCommunity, now), now);
        if (community.PropertyCompanyId is { } serving)
        {
            db.AddIntegrationEvent(new PropertyCompanyAssigned(community.Id, serving, null, community.PropertyCompanySince!.Value, now), now);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/communities/{community.Id}", CommunityResponse.From(community));
    }

    public static async Task<Ok<List<CommunityResponse>>> List(Guid? townshipId, GovernanceDbContext db, CancellationToken ct)
    {
        var query = db.Communities.AsNoTracking();
        if (townshipId is { } township)
        {
            query = query.Where(c => c.TownshipId == township);
        }

        var communities = await query.OrderBy(c => c.Name).ToListAsync(ct);
        return TypedResults.Ok(communities.Select(CommunityResponse.From).ToList());
    }

    public static async Task<Results<Ok<CommunityResponse>, ProblemHttpResult>> Get(Guid communityId, GovernanceDbContext db, CancellationToken ct) =>
        await db.Communities.AsNoTracking().FirstOrDefaultAsync(c => c.Id == communityId, ct) is { } community
            ? TypedResults.Ok(CommunityResponse.From(community))
            : Problems.NotFound("community");

    public static async Task<Results<Ok<CommunityResponse>, ValidationProblem, ProblemHttpResult>> AssignPropertyCompany(
        Guid communityId, AssignPropertyCompanyRequest request, GovernanceDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        var community = await db.Communities.FirstOrDefaultAsync(c => c.Id == communityId, ct);
        if (community is null)
        {
            return Problems.NotFound("community");
        }

        if (!await db.PropertyCompanies.AnyAsync(c => c.Id == request.PropertyCompanyId, ct))
        {
            return Problems.Validation("propertyCompanyId", "error.unknown_reference");
        }

        if (community.PropertyCompanyId != request.PropertyCompanyId && await Blacklisted(db, request.PropertyCompanyId!.Value, calendar, ct) is { } refused)
        {
            return refused;
        }

        if (community.AssignPropertyCompany(request.PropertyCompanyId!.Value, request.Since!.Value, out var previous))
        {
            var now = calendar.Now;
            db.AddIntegrationEvent(new PropertyCompanyAssigned(community.Id, request.PropertyCompanyId.Value, previous, request.Since.Value, now), now);
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(CommunityResponse.From(community));
    }

    /// <summary>A blacklisted company may not take on a community (seed item 11): a 409 naming why and until when.</summary>
    private static async Task<ProblemHttpResult?> Blacklisted(GovernanceDbContext db, Guid companyId, BusinessCalendar calendar, CancellationToken ct) =>
        await CreditRatings.ActiveBlacklistEntryAsync(db, companyId, calendar.Today, ct) is { } entry
            ? Problems.Conflict("company_blacklisted", GovernanceText.Messages,
                GovernanceText.Messages[$"blacklist_reason.{entry.Reason}"], entry.Until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            : null;

    public static async Task<Results<Created<BuildingResponse>, ProblemHttpResult>> RegisterBuilding(
        Guid communityId, RegisterBuildingRequest request, GovernanceDbContext db, CancellationToken ct)
    {
        if (!await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var number = request.Number!.Trim();
        if (await db.Buildings.AnyAsync(b => b.CommunityId == communityId && b.Number == number, ct))
        {
            return Problems.Conflict("building_number_taken", GovernanceText.Messages, number);
        }

        var building = new Building(Guid.CreateVersion7(), communityId, number);
        db.Buildings.Add(building);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/communities/{communityId}/buildings/{building.Id}",
            new BuildingResponse(building.Id, communityId, building.Number));
    }

    public static async Task<Results<Ok<List<BuildingResponse>>, ProblemHttpResult>> ListBuildings(
        Guid communityId, GovernanceDbContext db, CancellationToken ct)
    {
        if (!await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        return TypedResults.Ok(await db.Buildings.AsNoTracking().Where(b => b.CommunityId == communityId).OrderBy(b => b.Number)
            .Select(b => new BuildingResponse(b.Id, b.CommunityId, b.Number)).ToListAsync(ct));
    }
}
