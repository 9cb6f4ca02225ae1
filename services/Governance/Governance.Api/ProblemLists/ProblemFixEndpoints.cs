using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Governance.Api.Credit;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Api.Registry;
using Platform.Governance.Domain.Credit;
using Platform.Governance.Domain.Problems;

namespace Platform.Governance.Api.ProblemLists;

/// <summary>整改与销号: the responsible company reports a fix; the township or housing bureau closes the problem, rejects the fix, or marks a refusal.</summary>
public static class ProblemFixEndpoints
{
    public static void MapProblemFixEndpoints(this RouteGroupBuilder api)
    {
        var problem = api.MapGroup("/problems/{problemId:guid}").WithTags("Problem lists");
        problem.MapPost("/fixes", ReportFix).WithName("ReportProblemFix")
            .WithSummary("Report what was done about a problem: the responsible company, or a township or department")
            .RequireScope(Scopes.GovernanceProblems).AsAuditedCommand();
        problem.MapPost("/closure", Close).WithName("CloseProblem")
            .WithSummary("销号: accept the reported fix and close the problem").RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
        problem.MapPost("/fix-rejection", RejectFix).WithName("RejectProblemFix")
            .WithSummary("The reported fix is not enough: the problem is open again").RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
        problem.MapPost("/refusal", Refuse).WithName("MarkProblemRefused")
            .WithSummary("拒不整改: the responsible party refuses to fix it; its company gets a bad credit record")
            .RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
    }

    public static async Task<Results<Created<CampaignProblemResponse>, ValidationProblem, ProblemHttpResult>> ReportFix(
        Guid problemId, ReportFixRequest request, GovernanceDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        if (await Load(db, problemId, ct) is not { } problem)
        {
            return Problems.NotFound("problem");
        }

        // Registrars may report for any party; a company only for problems it is responsible for.
        var isRegistrar = access.IsCountyWide || access.TownshipId is not null;
        if (!isRegistrar && (access.PropertyCompanyId is not { } company || problem.ResponsibleCompanyId != company))
        {
            return Problems.Forbidden("not_responsible_for_problem", GovernanceText.Messages);
        }

        var now = calendar.Now;
        var today = calendar.Today;
        if (request.DoneOn > today || request.DoneOn < problem.FoundOn)
        {
            return Problems.Validation("doneOn", "error.out_of_range", problem.FoundOn, today);
        }

        if (!problem.CanReportFix)
        {
            return Problems.Conflict(problem.IsFinished ? "problem_finished" : "fix_awaiting_review", GovernanceText.Messages);
        }

        var fix = new ProblemFix(Guid.CreateVersion7(now), problem.Id, request.Description!.Trim(), request.DoneOn!.Value,
            access.OrganisationType ?? "", access.Actor, now, calendar.DateOf(now));
        problem.ReportFix(fix);
        db.ProblemFixes.Add(fix);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/problems/{problem.Id}", CampaignProblemResponse.From(problem, today));
    }

    public static async Task<Results<Ok<CampaignProblemResponse>, ProblemHttpResult>> Close(
        Guid problemId, CloseProblemRequest request, GovernanceDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        if (await Load(db, problemId, ct) is not { } problem)
        {
            return Problems.NotFound("problem");
        }

        if (problem.PendingFix is null || problem.IsFinished)
        {
            return Problems.Conflict(problem.IsFinished ? "problem_finished" : "no_fix_to_review", GovernanceText.Messages);
        }

        problem.Close(access.Actor, request.Note?.Trim(), calendar.Now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CampaignProblemResponse.From(problem, calendar.Today));
    }

    public static async Task<Results<Ok<CampaignProblemResponse>, ProblemHttpResult>> RejectFix(
        Guid problemId, ReviewNoteRequest request, GovernanceDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        if (await Load(db, problemId, ct) is not { } problem)
        {
            return Problems.NotFound("problem");
        }

        if (problem.PendingFix is null || problem.IsFinished)
        {
            return Problems.Conflict(problem.IsFinished ? "problem_finished" : "no_fix_to_review", GovernanceText.Messages);
        }

        problem.RejectFix(request.Note!.Trim());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CampaignProblemResponse.From(problem, calendar.Today));
    }

    public static async Task<Results<Ok<CampaignProblemResponse>, ProblemHttpResult>> Refuse(
        Guid problemId, ReviewNoteRequest request, GovernanceDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        if (await Load(db, problemId, ct) is not { } problem)
        {
            return Problems.NotFound("problem");
        }

        if (problem.IsFinished)
        {
            return Problems.Conflict("problem_finished", GovernanceText.Messages);
        }

        var now = calendar.Now;
        var today = calendar.DateOf(now);
        problem.MarkRefused(access.Actor, request.Note!.Trim(), now);
        // Charged once per problem: if the overdue sweep got here first, the refusal adds no second record.
        var rules = CreditRuleCatalog.Default.For(today);
        if (problem.Penalise(rules, PenaltyCause.Refused, access.OrganisationType ?? "", access.Actor, now, today) is { } record)
        {
            db.CompanyCreditRecords.Add(record);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CampaignProblemResponse.From(problem, calendar.Today));
    }

    private static Task<CampaignProblem?> Load(GovernanceDbContext db, Guid problemId, CancellationToken ct) =>
        db.CampaignProblems.Include(p => p.Fixes).FirstOrDefaultAsync(p => p.Id == problemId, ct);
}
