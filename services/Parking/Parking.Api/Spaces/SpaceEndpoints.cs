using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Contracts.Events;
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
        var space = new ParkingSpace
        {
            Id = Guid.CreateVersion7(now), LotId = lotId, CommunityId = lot.CommunityId, Number = number, Kind = request.Kind!.Value,
            Ownership = SpaceOwnership.Uncertified, State = SpaceState.Free, CreatedAt = now,
        };
        db.Spaces.Add(space);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{ParkingApi.Prefix}/spaces/{space.Id}", SpaceResponse.From(space));
    }

    public static async Task<Results<Ok<List<SpaceResponse>>, ProblemHttpResult>> List(Guid lotId, ParkingDbContext db, CancellationToken ct) =>
        await db.Lots.AnyAsync(l => l.Id == lotId, ct)
            ? TypedResults.Ok((await db.Spaces.AsNoTracking().Where(s => s.LotId == lotId).OrderBy(s => s.Number).ToListAsync(ct)).Select(SpaceResponse.From).ToList())
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

        if (space.State is not (SpaceState.Free or SpaceState.Sold) || (space.State == SpaceState.Sold && space.Ownership != SpaceOwnership.OwnerOwned))
        {
            return Problems.Conflict("space_in_use", ParkingText.Messages, space.State);
        }

        if (request.HolderOwnerId is { } holder && !await IsOwnerAsync(db, space.CommunityId, holder, ct))
        {
            return Problems.Validation(new BuildingBlocks.Validation.ValidationErrors().Add("holderOwnerId", "error.not_an_owner"), ParkingText.Messages);
        }

        space.Ownership = request.Ownership!.Value;
        (space.OwnershipCertificate, space.CertifiedBy, space.CertifiedAt) = (request.Certificate!.Trim(), access.Actor, time.GetUtcNow());
        (space.State, space.HolderOwnerId, space.OfferedForLease) =
            space.Ownership == SpaceOwnership.OwnerOwned ? (SpaceState.Sold, request.HolderOwnerId, space.OfferedForLease) : (SpaceState.Free, null, false);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(SpaceResponse.From(space));
    }

    public static async Task<Results<Created<AllocationResponse>, ValidationProblem, ProblemHttpResult>> Allocate(
        Guid spaceId, AllocateSpaceRequest request, ParkingDbContext db, IConfiguration configuration, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        await db.Database.AcquireAsync($"parking-space:{spaceId}", ct);
        var space = await db.Spaces.FirstOrDefaultAsync(s => s.Id == spaceId, ct);
        if (space is null)
        {
            return Problems.NotFound("parking_space");
        }

        if (request.OwnerId is { } ownerId && !await IsOwnerAsync(db, space.CommunityId, ownerId, ct))
        {
            return Problems.Validation(new BuildingBlocks.Validation.ValidationErrors().Add("ownerId", "error.not_an_owner"), ParkingText.Messages);
        }

        var waiting = await db.WaitingList.IgnoreQueryFilters()
            .Where(w => w.CommunityId == space.CommunityId && w.LeftAt == null && w.OwnerId != request.OwnerId).OrderBy(w => w.JoinedAt).ToListAsync(ct);
        var policy = new AllocationPolicy(configuration.GetValue("Parking:NonOwnerLeaseMaxMonths", AllocationPolicy.Default.NonOwnerLeaseMaxMonths));
        var terms = new AllocationRequest(request.Kind!.Value, request.OwnerId is not null, request.PriceFen!.Value, request.Months);
        var caps = await LotEndpoints.CapsOf(db, space.CommunityId, ct);
        if (policy.Refusal(space.Ownership, space.State, space.OfferedForLease, terms, waiting.Count, caps) is { } refusal)
        {
            return Problems.Conflict(refusal, ParkingText.Messages, space.Number, waiting.Count, policy.NonOwnerLeaseMaxMonths,
                terms.Kind == AllocationKind.Sale ? caps.MaxSalePriceFen : caps.MaxMonthlyRentFen);
        }

        var now = time.GetUtcNow();
        var startsOn = request.StartsOn!.Value;
        var allocation = new SpaceAllocation
        {
            Id = Guid.CreateVersion7(now), SpaceId = space.Id, LotId = space.LotId, CommunityId = space.CommunityId, Kind = terms.Kind, HolderOwnerId = request.OwnerId,
            HolderName = request.HolderName!.Trim(), PriceFen = terms.PriceFen, StartsOn = startsOn,
            EndsOn = terms.Kind == AllocationKind.Lease ? startsOn.AddMonths(request.Months!.Value) : null, StateBefore = space.State,
            AllocatedBy = access.Actor, AllocatedAt = now,
        };
        db.Allocations.Add(allocation);
        if (terms.Kind == AllocationKind.Sale)
        {
            (space.State, space.HolderOwnerId, space.Ownership) = (SpaceState.Sold, request.OwnerId, SpaceOwnership.OwnerOwned);
        }
        else
        {
            (space.State, space.OfferedForLease) = (SpaceState.Leased, false);
        }

        if (await db.WaitingList.IgnoreQueryFilters().FirstOrDefaultAsync(w => w.CommunityId == space.CommunityId && w.OwnerId == request.OwnerId && w.LeftAt == null, ct) is { } entry)
        {
            (entry.LeftAt, entry.AllocationId) = (now, allocation.Id);
        }

        db.AddIntegrationEvent(new SpaceAllocated(allocation.Id, space.Id, space.LotId, space.CommunityId, terms.Kind.ToString(), request.OwnerId, terms.PriceFen, now), now);
        if (allocation.EndsOn is { } endsOn)
        {
            db.AddIntegrationEvent(new LeaseStarted(allocation.Id, space.Id, space.CommunityId, startsOn, endsOn, now), now);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{ParkingApi.Prefix}/spaces/{space.Id}/allocations", AllocationResponse.From(allocation));
    }

    public static async Task<Results<Ok<List<AllocationResponse>>, ProblemHttpResult>> Allocations(Guid spaceId, ParkingDbContext db, CancellationToken ct) =>
        await db.Spaces.AnyAsync(s => s.Id == spaceId, ct)
            ? TypedResults.Ok((await db.Allocations.AsNoTracking().Where(a => a.SpaceId == spaceId).OrderByDescending(a => a.AllocatedAt).ToListAsync(ct))
                .Select(AllocationResponse.From).ToList())
            : Problems.NotFound("parking_space");

    public static async Task<Results<Ok<AllocationResponse>, ProblemHttpResult>> EndLease(Guid allocationId, ParkingDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        var spaceId = await db.Allocations.Where(a => a.Id == allocationId).Select(a => (Guid?)a.SpaceId).FirstOrDefaultAsync(ct);
        if (spaceId is null)
        {
            return Problems.NotFound("space_allocation");
        }

        await db.Database.AcquireAsync($"parking-space:{spaceId}", ct);
        var allocation = await db.Allocations.FirstAsync(a => a.Id == allocationId, ct);
        if (allocation.Kind != AllocationKind.Lease || allocation.EndedAt is not null)
        {
            return Problems.Conflict("not_a_running_lease", ParkingText.Messages);
        }

        await LeaseEnding.EndAsync(db, allocation, "ended", calendar, ct);
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

        if (space.State != SpaceState.Sold || space.HolderOwnerId != request.OwnerId)
        {
            return Problems.Conflict("not_the_owners_space", ParkingText.Messages, space.Number);
        }

        space.OfferedForLease = true;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(SpaceResponse.From(space));
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
            return Problems.Validation(new BuildingBlocks.Validation.ValidationErrors().Add("ownerId", "error.not_an_owner"), ParkingText.Messages);
        }

        await db.Database.AcquireAsync($"parking-waiting-list:{communityId}", ct);
        if (await db.WaitingList.AnyAsync(w => w.CommunityId == communityId && w.OwnerId == ownerId && w.LeftAt == null, ct))
        {
            return Problems.Conflict("already_waiting", ParkingText.Messages);
        }

        var now = time.GetUtcNow();
        var entry = new WaitingListEntry { Id = Guid.CreateVersion7(now), CommunityId = communityId, OwnerId = ownerId, JoinedAt = now };
        db.WaitingList.Add(entry);
        await db.SaveChangesAsync(ct);
        var position = await db.WaitingList.CountAsync(w => w.CommunityId == communityId && w.LeftAt == null, ct);
        return TypedResults.Created($"{ParkingApi.Prefix}/communities/{communityId}/waiting-list", new WaitingListEntryResponse(entry.Id, ownerId, now, position));
    }

    public static async Task<Results<Ok<List<WaitingListEntryResponse>>, ProblemHttpResult>> WaitingList(Guid communityId, ParkingDbContext db, CancellationToken ct)
    {
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var entries = await db.WaitingList.AsNoTracking().Where(w => w.CommunityId == communityId && w.LeftAt == null).OrderBy(w => w.JoinedAt).ToListAsync(ct);
        return TypedResults.Ok(entries.Select((w, i) => new WaitingListEntryResponse(w.Id, w.OwnerId, w.JoinedAt, i + 1)).ToList());
    }

    private static Task<bool> IsOwnerAsync(ParkingDbContext db, Guid communityId, Guid ownerId, CancellationToken ct) =>
        db.Set<RegistryUnitOwner>().IgnoreQueryFilters().AnyAsync(o => o.CommunityId == communityId && o.OwnerId == ownerId, ct);
}
