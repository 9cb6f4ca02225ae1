using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Contracts.Events;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Credit;

namespace Platform.Governance.Api.Credit;

/// <summary>黑名单: county departments blacklist a company (or one of its project managers) for a period.</summary>
public static class BlacklistEndpoints
{
    public static void MapBlacklistEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/property-companies/{companyId:guid}/blacklist-entries", Record).WithTags("Credit").WithName("RecordBlacklistEntry")
            .WithSummary("Blacklist a company (or its project manager) on the days in [from, until); emits PropertyCompanyBlacklisted for a company")
            .RequireScope(Scopes.GovernanceCredit).RequireCountyWide().AsAuditedCommand();
    }

    public static async Task<Results<Created<BlacklistEntryResponse>, ValidationProblem, ProblemHttpResult>> Record(
        Guid companyId, RecordBlacklistEntryRequest request, GovernanceDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        if (!await db.PropertyCompanies.AnyAsync(c => c.Id == companyId, ct))
        {
            return Problems.NotFound("property_company");
        }

        if (request.ProjectManagerId is { } managerId && !await db.ProjectManagers.AnyAsync(m => m.Id == managerId && m.CompanyId == companyId, ct))
        {
            return Problems.Validation("projectManagerId", "error.unknown_reference");
        }

        var now = calendar.Now;
        var entry = new BlacklistEntry(Guid.CreateVersion7(now), companyId, request.ProjectManagerId, request.Reason!.Value, request.Detail!.Trim(),
            request.From!.Value, request.Until!.Value, access.OrganisationType ?? "", access.Actor, now);
        db.BlacklistEntries.Add(entry);
        // A manager's entry stays on their record; only the company's own entry concerns other services.
        if (entry.ProjectManagerId is null)
        {
            db.AddIntegrationEvent(new PropertyCompanyBlacklisted(companyId, entry.Reason, entry.From, entry.Until, now), now);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/property-companies/{companyId}/credit",
            BlacklistEntryResponse.Of(entry, calendar.Today));
    }
}
