using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Parking.Api.Infrastructure;
using Platform.Parking.Api.Lots;
using Platform.Parking.Domain.Spaces;

namespace Platform.Parking.Api.Spaces;

/// <summary>
/// Spaces, their certified ownership (Natural Resources), and who gets them (seed item 3): developers' unsold spaces go to
/// the community's owners first (Civil Code art. 276), idle sold spaces may be leased out by their owners, prices stay
/// within the community's caps. One request at a time per space (its lock, held to the end of the audited command's
/// transaction): of two asking for the same free space, one wins.
/// </summary>
public static class SpaceEndpoints
{
    public static RouteGroupBuilder MapSpaceEndpoints(this RouteGroupBuilder api)
    {
        var spaces = api.MapGroup("").WithTags("Spaces");
        spaces.MapPost("/lots/{lotId:guid}/spaces", Register).WithName("RegisterParkingSpace")
            .WithSummary("Register a space of a car park; it is uncertified until Natural Resources certifies its ownership")
            .RequireScope(Scopes.ParkingWrite).AsAuditedCommand();
        spaces.MapGet("/lots/{lotId:guid}/spaces", List).WithName("ListParkingSpaces").WithSummary("A car park's spaces").RequireScope(Scopes.ParkingRead);
        spaces.MapPut("/spaces/{spaceId:guid}/ownership", Certify).WithName("CertifySpaceOwnership")
            .WithSummary("Certify who owns a space (Natural Resources): owner-owned, developer-unsold or owners-common")
            .RequireScope(Scopes.ParkingOwnership).RequireOrganisation(OrganisationTypes.NaturalResources).AsAuditedCommand();
        spaces.MapPost("/spaces/{spaceId:guid}/allocations", Allocate).WithName("AllocateParkingSpace")
            .WithSummary("Sell or lease a space: owners first while any waits, non-owners lease only and for a limited term, prices within the caps")
            .RequireScope(Scopes.ParkingWrite).AsAuditedCommand();
        spaces.MapGet("/spaces/{spaceId:guid}/allocations", Allocations).WithName("ListSpaceAllocations")
            .WithSummary("A space's sales and leases, newest first").RequireScope(Scopes.ParkingRead);
        spaces.MapPost("/allocations/{allocationId:guid}/end", EndLease).WithName("EndSpaceLease")
            .WithSummary("End a lease early; the space goes back to free, or to its owner").RequireScope(Scopes.ParkingWrite).AsAuditedCommand();
        spaces.MapPost("/spaces/{spaceId:guid}/lease-offer", OfferForLease).WithName("OfferSpaceForLease")
            .WithSummary("Record that the owner of a sold space offers it for lease while idle").RequireScope(Scopes.ParkingWrite).AsAuditedCommand();
        spaces.MapPost("/communities/{communityId:guid}/waiting-list", JoinWaitingList).WithName("JoinParkingWaitingList")
            .WithSummary("Put an owner of the community on the waiting list for a space").RequireScope(Scopes.ParkingWrite).AsAuditedCommand();
        spaces.MapGet("/communities/{communityId:guid}/waiting-list", WaitingList).WithName("GetParkingWaitingList")
            .WithSummary("Owners waiting for a space, first come first").RequireScope(Scopes.ParkingRead);
        return api;
    }

    public static async Task<Results<Created<SpaceResponse>, ProblemHttpResult>> Register(
        Guid lotId, RegisterSpaceRequest request, ParkingDbContext db, TimeProvider time, CancellationToken ct)
    {
        var lot = await db.Lots.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lotId, ct);
        if (lot is null)
        {
            return Problems.NotFound("parking_lot");
        }

        var number = request.Number!.Trim();
        if (await db.Spaces.IgnoreQueryFilters().AnyAsync(s => s.LotId == lotId && s.Number == number, ct))
        {
            return Problems.Conflict("space_number_taken", ParkingText.Messages, number);
        }

        var now = time.GetUtcNow();
        var space = ParkingSpace.Register(Guid.CreateVersion7(now), lotId, lot.CommunityId, number, request.Kind!.Value, now);
        db.Spaces.Add(space);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{ParkingApi.Prefix}/spaces/{space.Id}", SpaceResponse.From(space));
    }

    public static async Task<Results<Ok<Page<SpaceResponse>>, ProblemHttpResult>> List(
        Guid lotId, [AsParameters] PageQuery page, ParkingDbContext db, CancellationToken ct) =>
        await db.Lots.AnyAsync(l => l.Id == lotId, ct)
            ? TypedResults.Ok(await db.Spaces.AsNoTracking().Where(s => s.LotId == lotId).OrderBy(s => s.Number).ThenBy(s => s.Id)
                .PageAsync(page, (s, _) => SpaceResponse.From(s), ct))
            : Problems.NotFound("parking_lot");

    public static async Task<Results<Ok<SpaceResponse>, ValidationProblem, ProblemHttpResult>> Certify(
        Guid spaceId, CertifyOwnershipRequest request, ParkingDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        await db.Database.AcquireAsync($"parking-space:{spaceId}", ct);
        var space = await db.Spaces.FirstOrDefaultAsync(s => s.Id == spaceId, ct);
        if (space is null)
        {
            return Problems.NotFound("parking_space");
        }

        var holderIsOwner = request.HolderOwnerId is { } holder && await IsOwnerAsync(db, space.CommunityId, holder, ct);
        var refusal = space.Certify(request.Ownership!.Value, request.Certificate!.Trim(), request.HolderOwnerId, holderIsOwner, access.Actor, time.GetUtcNow());
        return refusal switch
        {
            null => await Saved(db, SpaceResponse.From(space), ct),
            SpaceRefusal.NotAnOwner => NotAnOwner("holderOwnerId"),
            _ => Problems.Conflict(refusal, ParkingText.Messages, space.State),
        };
    }

    public static async Task<Results<Created<AllocationResponse>, ValidationProblem, ProblemHttpResult>> Allocate(
        Guid spaceId, AllocateSpaceRequest request, [AsParameters] AllocationServices services, CancellationToken ct)
    {
        var (db, configuration, access, time) = services;
        await db.Database.AcquireAsync($"parking-space:{spaceId}", ct);
        var space = await db.Spaces.FirstOrDefaultAsync(s => s.Id == spaceId, ct);
        if (space is null)
        {
            return Problems.NotFound("parking_space");
        }

        if (request.OwnerId is { } ownerId && !await IsOwnerAsync(db, space.CommunityId, ownerId, ct))
        {
            return NotAnOwner("ownerId");
        }

        var waiting = await db.WaitingList.IgnoreQueryFilters()
            .Where(w => w.CommunityId == space.CommunityId && w.LeftAt == null).OrderBy(w => w.JoinedAt).ToListAsync(ct);
        var holdersEntry = waiting.FirstOrDefault(w => w.OwnerId == request.OwnerId);
        var policy = new AllocationPolicy(configuration.GetValue("Parking:NonOwnerLeaseMaxMonths", AllocationPolicy.Default.NonOwnerLeaseMaxMonths));
        var rules = new AllocationRules(policy, waiting.Count(w => w.OwnerId != request.OwnerId), await db.PriceCapsOfAsync(space.CommunityId, ct));
        var terms = new AllocationRequest(request.Kind!.Value, request.OwnerId is not null, request.PriceFen!.Value, request.Months);
        var now = time.GetUtcNow();
        var outcome = space.Allocate(Guid.CreateVersion7(now), terms, new SpaceHolder(request.OwnerId, request.HolderName!.Trim()), request.StartsOn!.Value,
            rules, holdersEntry, access.Actor, now);
        if (outcome.Made is not { } allocation)
        {
            return Problems.Conflict(outcome.Refusal!, ParkingText.Messages, space.Number, rules.OwnersWaiting, policy.NonOwnerLeaseMaxMonths,
                terms.Kind == AllocationKind.Sale ? rules.Caps.MaxSalePriceFen : rules.Caps.MaxMonthlyRentFen);
        }

        db.Allocations.Add(allocation);
        db.AddRecordedEvents(space, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{ParkingApi.Prefix}/spaces/{space.Id}/allocations", AllocationResponse.From(allocation));
    }

    public static async Task<Results<Ok<Page<AllocationResponse>>, ProblemHttpResult>> Allocations(
        Guid spaceId, [AsParameters] PageQuery page, ParkingDbContext db, CancellationToken ct) =>
        await db.Spaces.AnyAsync(s => s.Id == spaceId, ct)
            ? TypedResults.Ok(await db.Allocations.AsNoTracking().Where(a => a.SpaceId == spaceId).OrderByDescending(a => a.AllocatedAt)
                .ThenByDescending(a => a.Id).PageAsync(page, (a, _) => AllocationResponse.From(a), ct))
            : Problems.NotFound("parking_space");

    public static async Task<Results<Ok<AllocationResponse>, ProblemHttpResult>> EndLease(
        Guid allocationId, ParkingDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        var spaceId = await db.Allocations.Where(a => a.Id == allocationId).Select(a => (Guid?)a.SpaceId).FirstOrDefaultAsync(ct);
        if (spaceId is null)
        {
            return Problems.NotFound("space_allocation");
        }

        await db.Database.AcquireAsync($"parking-space:{spaceId}", ct);
        var allocation = await db.Allocations.FirstAsync(a => a.Id == allocationId, ct);
        var space = await db.Spaces.IgnoreQueryFilters().FirstAsync(s => s.Id == allocation.SpaceId, ct);
        var now = calendar.Now;
        if (space.EndLease(allocation, calendar.DateOf(now), now) is { } refusal)
        {
            return Problems.Conflict(refusal, ParkingText.Messages);
        }

        db.AddRecordedEvents(space, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(AllocationResponse.From(allocation));
    }

    public static async Task<Results<Ok<SpaceResponse>, ValidationProblem, ProblemHttpResult>> OfferForLease(
        Guid spaceId, OwnerRequest request, ParkingDbContext db, CancellationToken ct)
    {
        await db.Database.AcquireAsync($"parking-space:{spaceId}", ct);
        var space = await db.Spaces.FirstOrDefaultAsync(s => s.Id == spaceId, ct);
        if (space is null)
        {
            return Problems.NotFound("parking_space");
        }

        return space.OfferForLease(request.OwnerId!.Value) is { } refusal
            ? Problems.Conflict(refusal, ParkingText.Messages, space.Number)
            : await Saved(db, SpaceResponse.From(space), ct);
    }

    public static async Task<Results<Created<WaitingListEntryResponse>, ValidationProblem, ProblemHttpResult>> JoinWaitingList(
        Guid communityId, OwnerRequest request, ParkingDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var ownerId = request.OwnerId!.Value;
        if (!await IsOwnerAsync(db, communityId, ownerId, ct))
        {
            return NotAnOwner("ownerId");
        }

        await db.Database.AcquireAsync($"parking-waiting-list:{communityId}", ct);
        var waits = await db.WaitingList.AnyAsync(w => w.CommunityId == communityId && w.OwnerId == ownerId && w.LeftAt == null, ct);
        var now = time.GetUtcNow();
        var joined = WaitingListEntry.Join(Guid.CreateVersion7(now), communityId, ownerId, waits, now);
        if (joined.Made is not { } entry)
        {
            return Problems.Conflict(joined.Refusal!, ParkingText.Messages);
        }

        db.WaitingList.Add(entry);
        await db.SaveChangesAsync(ct);
        var position = await db.WaitingList.CountAsync(w => w.CommunityId == communityId && w.LeftAt == null, ct);
        return TypedResults.Created($"{ParkingApi.Prefix}/communities/{communityId}/waiting-list", new WaitingListEntryResponse(entry.Id, ownerId, now, position));
    }

    public static async Task<Results<Ok<Page<WaitingListEntryResponse>>, ProblemHttpResult>> WaitingList(
        Guid communityId, [AsParameters] PageQuery page, ParkingDbContext db, CancellationToken ct)
    {
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        // Positions count from the head of the list, so a later page goes on numbering.
        return TypedResults.Ok(await db.WaitingList.AsNoTracking().Where(w => w.CommunityId == communityId && w.LeftAt == null)
            .OrderBy(w => w.JoinedAt).ThenBy(w => w.Id).PageAsync(page, (w, position) => new WaitingListEntryResponse(w.Id, w.OwnerId, w.JoinedAt, position + 1), ct));
    }

    private static async Task<Ok<T>> Saved<T>(ParkingDbContext db, T response, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(response);
    }

    private static ValidationProblem NotAnOwner(string field) =>
        Problems.Validation(new BuildingBlocks.Validation.ValidationErrors().Add(field, "error.not_an_owner"), ParkingText.Messages);

    private static Task<bool> IsOwnerAsync(ParkingDbContext db, Guid communityId, Guid ownerId, CancellationToken ct) =>
        db.Set<RegistryUnitOwner>().IgnoreQueryFilters().AnyAsync(o => o.CommunityId == communityId && o.OwnerId == ownerId, ct);
}

/// <summary>What allocating a space needs besides the request: the database, the policy settings, the caller, the clock.</summary>
public sealed record AllocationServices(ParkingDbContext Db, IConfiguration Configuration, CallerAccess Access, TimeProvider Time);
