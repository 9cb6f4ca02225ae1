using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Credit;

namespace Platform.Governance.Api.Credit;

/// <summary>信用评价 of property companies and their project managers (seed item 11): records written by county departments.</summary>
public static class CompanyCreditEndpoints
{
    public static void MapCompanyCreditEndpoints(this RouteGroupBuilder api)
    {
        var companies = api.MapGroup("/property-companies/{companyId:guid}").WithTags("Credit");
        companies.MapPost("/credit-records", Record).WithName("RecordCompanyCredit")
            .WithSummary("Record a good or bad credit record of a company (or of its project manager)")
            .RequireScope(Scopes.GovernanceCredit).RequireCountyWide().AsAuditedCommand();
        companies.MapGet("/credit", File).WithName("GetCompanyCreditFile")
            .WithSummary("A company's rating today, its credit records and blacklist entries").RequireScope(Scopes.GovernanceRead);
        companies.MapPost("/project-managers", RegisterManager).WithName("RegisterProjectManager")
            .WithSummary("Register one of the company's project managers").RequireScope(Scopes.GovernanceCredit).RequireCountyWide().AsAuditedCommand();
        companies.MapGet("/project-managers", ListManagers).WithName("ListProjectManagers")
            .WithSummary("The company's project managers with their own ratings").RequireScope(Scopes.GovernanceRead);
    }

    public static async Task<Results<Created<CompanyCreditRecordResponse>, ValidationProblem, ProblemHttpResult>> Record(
        Guid companyId, RecordCompanyCreditRequest request, GovernanceDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        if (!await db.PropertyCompanies.AnyAsync(c => c.Id == companyId, ct))
        {
            return Problems.NotFound("property_company");
        }

        var now = calendar.Now;
        var today = calendar.Today;
        if (request.RecordedOn > today)
        {
            return Problems.Validation("recordedOn", "error.out_of_range", "—", today);
        }

        if (request.ProjectManagerId is { } managerId && !await db.ProjectManagers.AnyAsync(m => m.Id == managerId && m.CompanyId == companyId, ct))
        {
            return Problems.Validation("projectManagerId", "error.unknown_reference");
        }

        if (request.CommunityId is { } communityId && !await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.Validation("communityId", "error.unknown_reference");
        }

        var record = new CompanyCreditRecord(Guid.CreateVersion7(now), companyId, request.Kind!.Value, request.Points!.Value, request.Reason!.Trim(),
            CreditSource.Department, access.OrganisationType ?? "", access.Actor, request.RecordedOn!.Value, now)
        {
            ProjectManagerId = request.ProjectManagerId,
            CommunityId = request.CommunityId,
        };
        db.CompanyCreditRecords.Add(record);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/property-companies/{companyId}/credit", CompanyCreditRecordResponse.From(record));
    }

    public static async Task<Results<Ok<CompanyCreditFileResponse>, ProblemHttpResult>> File(
        Guid companyId, GovernanceDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        var today = calendar.Today;
        var ratings = await CreditRatings.OfCompaniesAsync(db, [companyId], today, ct);
        if (!ratings.TryGetValue(companyId, out var rating))
        {
            return Problems.NotFound("property_company");
        }

        var records = await db.CompanyCreditRecords.AsNoTracking().Where(r => r.CompanyId == companyId)
            .OrderByDescending(r => r.RecordedOn).ThenByDescending(r => r.RecordedAt).ToListAsync(ct);
        var blacklist = await db.BlacklistEntries.AsNoTracking().Where(e => e.CompanyId == companyId).OrderByDescending(e => e.From).ToListAsync(ct);
        return TypedResults.Ok(new CompanyCreditFileResponse(companyId, CreditRatingResponse.From(rating),
            records.Select(CompanyCreditRecordResponse.From).ToList(), blacklist.Select(e => BlacklistEntryResponse.Of(e, today)).ToList()));
    }

    public static async Task<Results<Created<ProjectManagerResponse>, ValidationProblem, ProblemHttpResult>> RegisterManager(
        Guid companyId, RegisterProjectManagerRequest request, GovernanceDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        if (!await db.PropertyCompanies.AnyAsync(c => c.Id == companyId, ct))
        {
            return Problems.NotFound("property_company");
        }

        if (request.CommunityId is { } communityId && !await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.Validation("communityId", "error.unknown_reference");
        }

        var now = calendar.Now;
        var manager = new ProjectManager(Guid.CreateVersion7(now), companyId, request.Name!.Trim(), request.CommunityId);
        db.ProjectManagers.Add(manager);
        await db.SaveChangesAsync(ct);
        var today = calendar.Today;
        var rating = CreditRuleCatalog.Default.For(today).Rate([], today, blacklisted: false);
        return TypedResults.Created($"{GovernanceApi.Prefix}/property-companies/{companyId}/project-managers",
            new ProjectManagerResponse(manager.Id, companyId, manager.Name, manager.CommunityId, CreditRatingResponse.From(rating)));
    }

    public static async Task<Results<Ok<List<ProjectManagerResponse>>, ProblemHttpResult>> ListManagers(
        Guid companyId, GovernanceDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        if (!await db.PropertyCompanies.AnyAsync(c => c.Id == companyId, ct))
        {
            return Problems.NotFound("property_company");
        }

        var ratings = await CreditRatings.OfProjectManagersAsync(db, companyId, calendar.Today, ct);
        var managers = await db.ProjectManagers.AsNoTracking().Where(m => m.CompanyId == companyId).OrderBy(m => m.Name).ToListAsync(ct);
        return TypedResults.Ok(managers.Select(m => new ProjectManagerResponse(m.Id, companyId, m.Name, m.CommunityId, CreditRatingResponse.From(ratings[m.Id]))).ToList());
    }
}
