using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Security;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Governance.V1;
using Platform.Governance.Api.Infrastructure;
using Platform.Contracts.Kernel.People;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Grpc;

/// <summary>
/// platform.governance.v1.RegistryLookup: fresh registry answers for other platform services only (a platform-service
/// token with governance.read, as identity's ServiceTokens issue). Internal: not routed through the gateway, and it
/// answers what the REST API masks (an owner behind a phone), so a department's, township's or company's token is refused.
/// </summary>
[Authorize(Policy = ScopePolicyProvider.Prefix + Scopes.GovernanceRead)]
[Authorize(Policy = ScopePolicyProvider.OrganisationPrefix + OrganisationTypes.PlatformService)]
internal sealed class RegistryLookupService(GovernanceDbContext db) : RegistryLookup.RegistryLookupBase
{
    public override async Task<ListCommunityUnitsResponse> ListCommunityUnits(ListCommunityUnitsRequest request, ServerCallContext context)
    {
        var communityId = ParseId(request.CommunityId, "community_id");
        var ct = context.CancellationToken;
        if (!await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            throw new RpcException(new Status(StatusCode.NotFound, "community not found"));
        }

        var units = await (from unit in db.Units.AsNoTracking()
                           join building in db.Buildings.AsNoTracking() on unit.BuildingId equals building.Id
                           where unit.CommunityId == communityId
                           orderby building.Number, unit.Number
                           select new { unit, building.Number }).ToListAsync(ct);
        var response = new ListCommunityUnitsResponse
        {
            CommunityId = communityId.ToString(),
            TotalExclusiveArea = Area(units.Sum(u => u.unit.ExclusiveArea)),
        };
        response.Units.AddRange(units.Select(u => new CommunityUnit
        {
            UnitId = u.unit.Id.ToString(),
            BuildingId = u.unit.BuildingId.ToString(),
            BuildingNumber = u.Number,
            UnitNumber = u.unit.Number,
            ExclusiveArea = Area(u.unit.ExclusiveArea),
            Use = u.unit.Use.ToString(),
            AreaSource = u.unit.AreaSource.ToString(),
        }));
        return response;
    }

    public override async Task<GetUnitOwnersResponse> GetUnitOwners(GetUnitOwnersRequest request, ServerCallContext context)
    {
        var unitId = ParseId(request.UnitId, "unit_id");
        var ct = context.CancellationToken;
        if (!await db.Units.AnyAsync(u => u.Id == unitId, ct))
        {
            throw new RpcException(new Status(StatusCode.NotFound, "unit not found"));
        }

        var owners = await (from ownership in db.Ownerships.AsNoTracking()
                            join owner in db.Owners.AsNoTracking() on ownership.OwnerId equals owner.Id
                            where ownership.UnitId == unitId && ownership.Until == null
                            select new { ownership.OwnerId, owner.Kind, ownership.Since }).ToListAsync(ct);
        var response = new GetUnitOwnersResponse { UnitId = unitId.ToString() };
        response.Owners.AddRange(owners.Select(o => new UnitOwner
        {
            OwnerId = o.OwnerId.ToString(),
            IsDeveloper = o.Kind == OwnerKind.Developer,
            Since = o.Since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }));
        return response;
    }

    public override async Task<IsOwnerInCommunityResponse> IsOwnerInCommunity(IsOwnerInCommunityRequest request, ServerCallContext context)
    {
        var ownerId = ParseId(request.OwnerId, "owner_id");
        var communityId = ParseId(request.CommunityId, "community_id");
        var count = await db.Ownerships.AsNoTracking()
            .CountAsync(o => o.OwnerId == ownerId && o.CommunityId == communityId && o.Until == null, context.CancellationToken);
        return new IsOwnerInCommunityResponse { IsOwner = count > 0, UnitsOwned = count };
    }

    public override async Task<FindOwnerByPhoneResponse> FindOwnerByPhone(FindOwnerByPhoneRequest request, ServerCallContext context)
    {
        if (!MobileNumber.IsValid(request.Phone))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "phone must be an 11-digit mobile number"));
        }

        // A phone shared by several owners signs in none of them: the code would not say who is signing in.
        var owners = await db.Owners.AsNoTracking().Where(o => o.Phone == request.Phone).Select(o => o.Id).Take(2).ToListAsync(context.CancellationToken);
        return owners.Count == 1
            ? new FindOwnerByPhoneResponse { Found = true, OwnerId = owners[0].ToString() }
            : new FindOwnerByPhoneResponse { Found = false };
    }

    private static Guid ParseId(string value, string field) =>
        Guid.TryParse(value, out var id)
            ? id
            : throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} must be a UUID"));

    private static string Area(decimal area) => area.ToString("0.00", CultureInfo.InvariantCulture);
}
