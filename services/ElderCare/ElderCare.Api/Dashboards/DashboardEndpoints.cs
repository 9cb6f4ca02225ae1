using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Kernel.Periods;
using Platform.ElderCare.Api.Infrastructure;
using Platform.ElderCare.Api.Providers;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Api.Dashboards;

public sealed record AbilityLevelRow(Guid CommunityId, int Able, int MildlyImpaired, int ModeratelyImpaired, int SeverelyImpaired, int CompletelyImpaired, int Total);

public sealed record UnmetOrdersRow(Guid CommunityId, int Unmatched, int AwaitingAcceptance, int EscalatedOpen, int EscalatedTotal);

public sealed record ProviderPerformanceRow(
    Guid ProviderId, string Name, int Offered, int Declined, int Completed, int Cancelled, int CompletedOnTime, decimal? OnTimeRate, decimal? AverageStars,
    int Ratings);

public sealed record PerformanceQuery(string? Period) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (Period is not null && !BillingPeriod.TryParse(Period, out _))
        {
            errors.Add("period", "error.invalid_period");
        }
    }
}

/// <summary>Civil Affairs' dashboards (民政看板): counts only — no name, no id of a person, no health field.</summary>
public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        var dashboards = api.MapGroup("/dashboards").WithTags("Dashboards");
        dashboards.MapGet("/ability-levels", AbilityLevels).WithName("GetAbilityLevelDashboard")
            .WithSummary("Elderly residents per community by ability level (GB/T 42195-2022)").RequireScope(Scopes.ElderCareRead).RequireOrganisation(OrganisationTypes.CivilAffairs);
        dashboards.MapGet("/unmet-orders", UnmetOrders).WithName("GetUnmetOrdersDashboard")
            .WithSummary("Per community: orders no provider could take, orders waiting for acceptance, escalated orders").RequireScope(Scopes.ElderCareRead)
            .RequireOrganisation(OrganisationTypes.CivilAffairs);
        dashboards.MapGet("/provider-performance", ProviderPerformance).WithName("GetProviderPerformanceDashboard")
            .WithSummary("Per provider: offers, declines, completed and cancelled visits, on-time starts, ratings; optionally for one month of service days")
            .RequireScope(Scopes.ElderCareRead).RequireOrganisation(OrganisationTypes.CivilAffairs);
        return api;
    }

    public static async Task<Ok<List<AbilityLevelRow>>> AbilityLevels(ElderCareDbContext db, CancellationToken ct)
    {
        var counts = await db.ElderProfiles.AsNoTracking().GroupBy(e => new { e.CommunityId, e.AbilityLevel })
            .Select(g => new { g.Key.CommunityId, g.Key.AbilityLevel, Count = g.Count() }).ToListAsync(ct);
        return TypedResults.Ok(counts.GroupBy(c => c.CommunityId).OrderBy(g => g.Key).Select(g =>
        {
            int Of(AbilityLevel level) => g.Where(c => c.AbilityLevel == level).Sum(c => c.Count);
            return new AbilityLevelRow(g.Key, Of(AbilityLevel.Able), Of(AbilityLevel.MildlyImpaired), Of(AbilityLevel.ModeratelyImpaired),
                Of(AbilityLevel.SeverelyImpaired), Of(AbilityLevel.CompletelyImpaired), g.Sum(c => c.Count));
        }).ToList());
    }

    public static async Task<Ok<List<UnmetOrdersRow>>> UnmetOrders(ElderCareDbContext db, CancellationToken ct)
    {
        var rows = await db.CareOrders.AsNoTracking()
            .Where(o => o.Status == CareOrderStatus.Unmatched || o.Status == CareOrderStatus.Offered || o.EscalatedAt != null)
            .GroupBy(o => o.CommunityId)
            .Select(g => new UnmetOrdersRow(
                g.Key,
                g.Count(o => o.Status == CareOrderStatus.Unmatched),
                g.Count(o => o.Status == CareOrderStatus.Offered),
                g.Count(o => o.EscalatedAt != null && (o.Status == CareOrderStatus.Unmatched || o.Status == CareOrderStatus.Offered || o.Status == CareOrderStatus.Accepted)),
                g.Count(o => o.EscalatedAt != null)))
            .ToListAsync(ct);
        return TypedResults.Ok(rows.OrderBy(r => r.CommunityId).ToList());
    }

    public static async Task<Ok<List<ProviderPerformanceRow>>> ProviderPerformance([AsParameters] PerformanceQuery query, ElderCareDbContext db, CancellationToken ct)
    {
        var orders = db.CareOrders.AsNoTracking();
        if (query.Period is not null)
        {
            var month = BillingPeriod.Parse(query.Period);
            orders = orders.Where(o => o.ServiceDay >= month.FirstDay && o.ServiceDay <= month.LastDay);
        }

        var providers = await db.CareProviders.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Name,
                Held = orders.Count(o => o.ProviderId == p.Id),
                Declined = orders.Count(o => o.DeclinedProviderIds.Contains(p.Id)),
                Completed = orders.Count(o => o.ProviderId == p.Id && o.Status == CareOrderStatus.Completed),
                Cancelled = orders.Count(o => o.ProviderId == p.Id && o.Status == CareOrderStatus.Cancelled),
                OnTime = orders.Count(o => o.ProviderId == p.Id && o.VisitStartedAt != null && o.VisitStartedAt <= o.SlotStart.AddMinutes(15)),
                Started = orders.Count(o => o.ProviderId == p.Id && o.VisitStartedAt != null),
                Stars = orders.Where(o => o.ProviderId == p.Id && o.Stars != null).Sum(o => (long?)o.Stars) ?? 0,
                Ratings = orders.Count(o => o.ProviderId == p.Id && o.Stars != null),
            })
            .ToListAsync(ct);
        return TypedResults.Ok(providers.Select(p => new ProviderPerformanceRow(p.Id, p.Name, p.Held + p.Declined, p.Declined, p.Completed, p.Cancelled, p.OnTime,
            p.Started == 0 ? null : Math.Round((decimal)p.OnTime / p.Started, 4, MidpointRounding.AwayFromZero), ProviderResponse.AverageOf(p.Stars, p.Ratings),
            p.Ratings)).ToList());
    }
}
