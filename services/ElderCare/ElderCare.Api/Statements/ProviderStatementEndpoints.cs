using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Kernel.Periods;
using Platform.ElderCare.Api.Infrastructure;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Api.Statements;

public sealed record StatementLine(Guid OrderId, DateOnly ServiceDay, CareService Service, long PriceFen, long SubsidyFen, long ResidentShareFen);

/// <summary>
/// A provider's monthly statement (月度结算单) for Civil Affairs: every visit completed on a service day of the month,
/// what it cost, the subsidy the county owes the provider and the residents' shares. Totals are the sums of the lines.
/// </summary>
public sealed record ProviderStatement(
    Guid ProviderId, string ProviderName, string Period, int Visits, long PriceFen, long SubsidyFen, long ResidentShareFen, IReadOnlyList<StatementLine> Lines);

public static class ProviderStatementEndpoints
{
    public static RouteGroupBuilder MapProviderStatementEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/providers/{providerId:guid}/statements/{period}", Statement).WithName("GetCareProviderStatement").WithTags("Providers and catalogue")
            .WithSummary("A provider's monthly statement of completed visits, subsidies and residents' shares (Civil Affairs and the provider)")
            .RequireScope(Scopes.ElderCareRead);
        return api;
    }

    public static async Task<Results<Ok<ProviderStatement>, ValidationProblem, ProblemHttpResult>> Statement(
        Guid providerId, string period, ElderCareDbContext db, CallerAccess access, CancellationToken ct)
    {
        var provider = await db.CareProviders.AsNoTracking().FirstOrDefaultAsync(p => p.Id == providerId, ct);
        // County departments see the provider register; the money is Civil Affairs' and the provider's.
        if (provider is null || !(access.IsCivilAffairs() || access.ProviderOrganisationId() == provider.OrganisationId))
        {
            return Problems.NotFound("care_provider");
        }

        if (!BillingPeriod.TryParse(period, out var month))
        {
            return Problems.Validation(new ValidationErrors().Add("period", "error.invalid_period"), ElderCareText.Messages);
        }

        var lines = await db.CareOrders.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.ProviderId == providerId && o.Status == CareOrderStatus.Completed && o.ServiceDay >= month.FirstDay && o.ServiceDay <= month.LastDay)
            .OrderBy(o => o.ServiceDay).ThenBy(o => o.Id)
            .Select(o => new StatementLine(o.Id, o.ServiceDay, o.Service, o.PriceFen, o.SubsidyFen, o.ResidentShareFen))
            .ToListAsync(ct);
        return TypedResults.Ok(new ProviderStatement(provider.Id, provider.Name, month.ToString(), lines.Count, lines.Sum(l => l.PriceFen),
            lines.Sum(l => l.SubsidyFen), lines.Sum(l => l.ResidentShareFen), lines));
    }
}
