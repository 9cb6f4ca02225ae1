using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;
using Platform.Governance.Api.Credit;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Api.Registry;
using Platform.Governance.Domain.Problems;

namespace Platform.Governance.Api.ProblemLists;

/// <summary>问题清单: list a community's problems and read them, one community or across a township or the county.</summary>
public static class ProblemListEndpoints
{

    public static void MapProblemListEndpoints(this RouteGroupBuilder api)
    {
        var problems = api.MapGroup("").WithTags("Problem lists");
        problems.MapPost("/communities/{communityId:guid}/problems", Add).WithName("AddProblem")
            .WithSummary("Put a problem found in the community on its list, with the responsible party and a deadline")
            .RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
        problems.MapGet("/problems", List).WithName("ListProblems")
            .WithSummary("Problems the caller may see, filtered by township, community, status and overdue, a page at a time").RequireScope(Scopes.GovernanceRead);
        problems.MapGet("/problems/counts", Counts).WithName("CountProblems")
            .WithSummary("Per community: open, fix reported, closed, refused and overdue problems").RequireScope(Scopes.GovernanceRead);
        problems.MapGet("/problems/{problemId:guid}", Get).WithName("GetProblem").WithSummary("One problem with its fixes").RequireScope(Scopes.GovernanceRead);
    }

    public static async Task<Results<Created<CampaignProblemResponse>, ValidationProblem, ProblemHttpResult>> Add(
        Guid communityId, AddProblemRequest request, GovernanceDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        var community = await db.Communities.AsNoTracking().FirstOrDefaultAsync(c => c.Id == communityId, ct);
        if (community is null)
        {
            return Problems.NotFound("community");
        }

        var now = calendar.Now;
        var today = calendar.Today;
        var foundOn = request.FoundOn ?? today;
        if (foundOn > today)
        {
            return Problems.Validation("foundOn", "error.out_of_range", "—", today);
        }

        if (request.Deadline < today)
        {
            return Problems.Validation("deadline", "error.out_of_range", today, "∞");
        }

        Guid? companyId = null;
        string party;
        if (request.ResponsibleParty == ResponsibleParty.PropertyCompany)
        {
            if (community.PropertyCompanyId is not { } serving)
            {
                return Problems.Conflict("community_has_no_company", GovernanceText.Messages, community.Name);
            }

            companyId = serving;
            party = await db.PropertyCompanies.Where(c => c.Id == serving).Select(c => c.Name).SingleAsync(ct);
        }
        else
        {
            party = request.ResponsiblePartyName!.Trim();
        }

        var problem = new CampaignProblem(Guid.CreateVersion7(now), communityId, request.Category!.Value, request.Description!.Trim(),
            request.ResponsibleParty!.Value, companyId, party, foundOn, request.Deadline!.Value, access.Actor, now);
        db.CampaignProblems.Add(problem);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/problems/{problem.Id}", CampaignProblemResponse.From(problem, today));
    }

    public static async Task<Results<Ok<CampaignProblemResponse>, ProblemHttpResult>> Get(Guid problemId, GovernanceDbContext db, BusinessCalendar calendar, CancellationToken ct) =>
        await db.CampaignProblems.AsNoTracking().Include(p => p.Fixes).FirstOrDefaultAsync(p => p.Id == problemId, ct) is { } problem
            ? TypedResults.Ok(CampaignProblemResponse.From(problem, calendar.Today))
            : Problems.NotFound("problem");

    public static async Task<Results<Ok<Page<CampaignProblemResponse>>, ValidationProblem, ProblemHttpResult>> List(
        [AsParameters] ProblemFilter filter, GovernanceDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        new PageQuery(filter.Offset, filter.Limit).Validate(errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        if (filter.CommunityId is { } communityId && !await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var today = calendar.Today;
        var query = Filtered(db, filter, today);
        var total = await query.CountAsync(ct);
        var page = await query.Include(p => p.Fixes).AsNoTracking().OrderBy(p => p.Deadline).ThenBy(p => p.Id)
            .Skip(filter.Offset).Take(filter.Limit).AsSplitQuery().ToListAsync(ct);
        return TypedResults.Ok(new Page<CampaignProblemResponse>(page.Select(p => CampaignProblemResponse.From(p, today)).ToList(), total, filter.Offset, filter.Limit));
    }

    public static async Task<Ok<List<CommunityProblemCounts>>> Counts([AsParameters] ProblemCountFilter filter, GovernanceDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        var today = calendar.Today;
        var problems = Filtered(db, new ProblemFilter(filter.TownshipId, null, null, null), today);
        var overdue = problems.Where(CampaignProblem.OverdueOn(today));
        var byStatus = await problems.GroupBy(p => new { p.CommunityId, p.Status }).Select(g => new { g.Key.CommunityId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var overdueCounts = await overdue.GroupBy(p => p.CommunityId).Select(g => new { CommunityId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.CommunityId, g => g.Count, ct);
        var communityIds = byStatus.Select(s => s.CommunityId).Distinct().ToList();
        var communities = await db.Communities.AsNoTracking().Where(c => communityIds.Contains(c.Id)).OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.TownshipId }).ToListAsync(ct);
        int Count(Guid community, ProblemStatus status) => byStatus.Where(s => s.CommunityId == community && s.Status == status).Sum(s => s.Count);
        return TypedResults.Ok(communities.Select(c => new CommunityProblemCounts(
                c.Id, c.Name, c.TownshipId, Count(c.Id, ProblemStatus.Open), Count(c.Id, ProblemStatus.FixReported), Count(c.Id, ProblemStatus.Closed),
                Count(c.Id, ProblemStatus.Refused), overdueCounts.GetValueOrDefault(c.Id), byStatus.Where(s => s.CommunityId == c.Id).Sum(s => s.Count)))
            .ToList());
    }

    /// <summary>The caller's problems (the access filter), narrowed by the query's filters.</summary>
    private static IQueryable<CampaignProblem> Filtered(GovernanceDbContext db, ProblemFilter filter, DateOnly today)
    {
        var query = db.CampaignProblems.AsQueryable();
        if (filter.TownshipId is { } township)
        {
            query = query.Where(p => db.Communities.Any(c => c.Id == p.CommunityId && c.TownshipId == township));
        }

        if (filter.CommunityId is { } community)
        {
            query = query.Where(p => p.CommunityId == community);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (filter.Overdue is { } overdue)
        {
            query = overdue ? query.Where(CampaignProblem.OverdueOn(today)) : query.Where(Not(CampaignProblem.OverdueOn(today)));
        }

        return query;
    }

    private static System.Linq.Expressions.Expression<Func<CampaignProblem, bool>> Not(System.Linq.Expressions.Expression<Func<CampaignProblem, bool>> predicate) =>
        System.Linq.Expressions.Expression.Lambda<Func<CampaignProblem, bool>>(System.Linq.Expressions.Expression.Not(predicate.Body), predicate.Parameters);
}

/// <summary>Query filters of the problem list; all optional.</summary>
public sealed record ProblemFilter(Guid? TownshipId, Guid? CommunityId, ProblemStatus? Status, bool? Overdue, int Offset = 0, int Limit = 100);

public sealed record ProblemCountFilter(Guid? TownshipId);
