using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.Fees.Api.Infrastructure;
using Platform.Fees.Domain.Billing;
using Platform.Contracts.Kernel.Money;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Fees.Api.Billing;

public sealed record RecordUtilityChargeRequest(Utility? Utility, string? Period, long? AmountFen, Guid[]? BuildingIds, string? MeterReference)
    : IValidatableRequest
{
    public const int MaxBuildings = 200;

    public void Validate(ValidationErrors errors)
    {
        errors.Defined("utility", Utility).InRange("amountFen", AmountFen, 1L, 10_000_000_000L).Required("meterReference", MeterReference);
        if (!BillingPeriod.TryParse(Period, out _))
        {
            errors.Add("period", "error.period_format");
        }

        if (BuildingIds is { Length: > MaxBuildings })
        {
            errors.Add("buildingIds", "error.too_many_items", MaxBuildings);
        }
        else if (BuildingIds is not null && BuildingIds.Distinct().Count() != BuildingIds.Length)
        {
            errors.Add("buildingIds", "error.duplicate");
        }
    }
}

public sealed record UtilityShareResponse(Guid UnitId, decimal ExclusiveArea, long AmountFen);

public sealed record UtilityChargeResponse(
    Guid Id, Guid CommunityId, Utility Utility, string Period, IReadOnlyList<Guid> BuildingIds, long AmountFen, string MeterReference, string Rule,
    DateTimeOffset RecordedAt, IReadOnlyList<UtilityShareResponse> Shares)
{
    public static UtilityChargeResponse From(UtilityCharge c) => new(c.Id, c.CommunityId, c.Utility, c.Period, c.BuildingIds, c.AmountFen, c.MeterReference,
        c.Rule, c.RecordedAt, c.Shares.OrderBy(s => s.UnitId).Select(s => new UtilityShareResponse(s.UnitId, s.ExclusiveArea, s.AmountFen)).ToList());
}

/// <summary>
/// Common-area water and electricity (公共水电费分摊, seed item 13): a meter's charge for a month is shared by
/// the homes, shops and offices in its scope by exclusive area, summing exactly to the charge, and goes onto
/// that month's bills as the shared-utility item.
/// </summary>
public static class UtilityChargeEndpoints
{
    private static readonly UnitUse[] SharingUses = [UnitUse.Residential, UnitUse.Commercial, UnitUse.Office];

    public static RouteGroupBuilder MapUtilityChargeEndpoints(this RouteGroupBuilder api)
    {
        var charges = api.MapGroup("/communities/{communityId:guid}/utility-charges").WithTags("Shared utilities");
        charges.MapPost("", Record).WithName("RecordUtilityCharge")
            .WithSummary("Record a common-area meter's charge for a month not yet billed; it is apportioned by exclusive area over the scope's units")
            .RequireScope(Scopes.FeesWrite).AsAuditedCommand();
        charges.MapGet("", List).WithName("ListUtilityCharges")
            .WithSummary("A community's utility charges with each unit's share, optionally of one month").RequireScope(Scopes.FeesRead);
        return api;
    }

    public static async Task<Results<Created<UtilityChargeResponse>, ValidationProblem, ProblemHttpResult>> Record(
        Guid communityId, RecordUtilityChargeRequest request, FeesDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var buildings = request.BuildingIds ?? [];
        var units = await (from unit in db.Set<RegistryUnit>().IgnoreQueryFilters()
                           where unit.CommunityId == communityId
                           select new { unit.Id, unit.BuildingId, unit.Use, unit.ExclusiveArea, Owned = db.Set<RegistryUnitOwner>().IgnoreQueryFilters().Any(o => o.UnitId == unit.Id) })
            .ToListAsync(ct);
        var unknown = buildings.Except(units.Select(u => u.BuildingId)).ToList();
        if (unknown.Count > 0)
        {
            return Problems.Validation(new ValidationErrors().Add("buildingIds", "error.unknown_building", string.Join(", ", unknown)), FeesText.Messages);
        }

        var sharing = units.Where(u => u.Owned && u.ExclusiveArea > 0 && SharingUses.Contains(u.Use) && (buildings.Length == 0 || buildings.Contains(u.BuildingId)))
            .ToList();
        if (sharing.Count == 0)
        {
            return Problems.Conflict("no_units_to_share", FeesText.Messages);
        }

        var period = BillingPeriod.Parse(request.Period!).ToString();
        await BillingLock.AcquireAsync(db, communityId, ct);
        var scope = sharing.Select(u => u.Id).ToList();
        if (await db.Bills.IgnoreQueryFilters().AnyAsync(b => b.Period == period && scope.Contains(b.UnitId), ct))
        {
            return Problems.Conflict("utility_period_billed", FeesText.Messages, period);
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var areas = sharing.ToDictionary(u => u.Id, u => u.ExclusiveArea);
        var charge = new UtilityCharge
        {
            Id = id, CommunityId = communityId, Utility = request.Utility!.Value, Period = period, BuildingIds = buildings, AmountFen = request.AmountFen!.Value,
            MeterReference = request.MeterReference!.Trim(), Rule = Apportionment.LargestRemainderByArea, RecordedBy = access.Actor, RecordedAt = now,
            Shares = Apportionment.ByArea(request.AmountFen.Value, sharing.Select(u => (u.Id, (long)(u.ExclusiveArea * 100))).ToList())
                .Select(s => new UtilityShare { ChargeId = id, UnitId = s.UnitId, Period = period, ExclusiveArea = areas[s.UnitId], AmountFen = s.AmountFen })
                .ToList(),
        };
        db.UtilityCharges.Add(charge);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{FeesApi.Prefix}/communities/{communityId}/utility-charges?period={period}", UtilityChargeResponse.From(charge));
    }

    public static async Task<Results<Ok<Page<UtilityChargeResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Guid communityId, string? period, [AsParameters] PageQuery page, FeesDbContext db, CancellationToken ct)
    {
        if (period is not null && !BillingPeriod.TryParse(period, out _))
        {
            return Problems.Validation(new ValidationErrors().Add("period", "error.period_format"), FeesText.Messages);
        }

        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        return TypedResults.Ok(await db.UtilityCharges.AsNoTracking().Include(c => c.Shares)
            .Where(c => c.CommunityId == communityId && (period == null || c.Period == period))
            .OrderBy(c => c.Period).ThenBy(c => c.RecordedAt).ThenBy(c => c.Id)
            .PageAsync(page, UtilityChargeResponse.From, ct));
    }
}
