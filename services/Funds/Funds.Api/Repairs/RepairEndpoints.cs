using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Api.Journal;
using Platform.Funds.Api.Misuse;
using Platform.Funds.Domain.Journal;
using Platform.Funds.Domain.Repairs;
using Platform.Contracts.Kernel.Money;

namespace Platform.Funds.Api.Repairs;

/// <summary>
/// Repair projects (维修项目, seed item 9): proposed with scope, budget and contractor; on the normal track decided by the
/// owners' vote (matter 5) in governance, publicised, approved by the housing bureau; on the emergency track approved at
/// once. Each disbursement is apportioned over the scope's ledgers by exclusive area, never to a blacklisted contractor.
/// </summary>
public static class RepairEndpoints
{
    public static RouteGroupBuilder MapRepairEndpoints(this RouteGroupBuilder api)
    {
        var repairs = api.MapGroup("").WithTags("Repair projects");
        // Owners read the fund; of them, the sitting owners' committee may also propose (checked in the handler).
        repairs.MapPost("/communities/{communityId:guid}/repair-projects", Propose).WithName("ProposeRepairProject")
            .WithSummary("Propose a repair of common parts (company, township, departments, or the sitting owners' committee): normal track, then an owners' vote with its vote reference, or emergency")
            .RequireScope(Scopes.FundsRead).AsAuditedCommand();
        repairs.MapGet("/communities/{communityId:guid}/repair-projects", List).WithName("ListRepairProjects")
            .WithSummary("A community's repair projects, newest first").RequireScope(Scopes.FundsRead);
        repairs.MapGet("/repair-projects/{projectId:guid}", Get).WithName("GetRepairProject")
            .WithSummary("A repair project; county departments also see each unit's share").RequireScope(Scopes.FundsRead);
        repairs.MapPost("/repair-projects/{projectId:guid}/approval", Approve).WithName("ApproveRepairProject")
            .WithSummary("Approve a project: normal track after the owners passed it and its publicity ended; emergency track at once, within the yearly limit")
            .RequireScope(Scopes.FundsApprove).RequireOrganisation(OrganisationTypes.Housing).AsAuditedCommand();
        repairs.MapPost("/repair-projects/{projectId:guid}/disbursements", Disburse).WithName("DisburseRepairFunds")
            .WithSummary("Pay the contractor from the dedicated account, the cost apportioned over the scope's ledgers by area; " +
                         "above the second-signature threshold it waits for Finance's countersignature (202)")
            .RequireScope(Scopes.FundsWrite).RequireCountyWide().AsAuditedCommand();
        repairs.MapPost("/repair-projects/{projectId:guid}/acceptance", Accept).WithName("AcceptRepairProject")
            .WithSummary("Record that the work was accepted (验收)").RequireScope(Scopes.FundsWrite).AsAuditedCommand();
        repairs.MapPost("/repair-projects/{projectId:guid}/settlement", Settle).WithName("SettleRepairProject")
            .WithSummary("Settle the final cost (结算): it must equal what was disbursed; over budget beyond the threshold is flagged")
            .RequireScope(Scopes.FundsWrite).RequireCountyWide().AsAuditedCommand();
        repairs.MapGet("/misuse-flags", Flags).WithName("ListMisuseFlags")
            .WithSummary("Signs of misuse with their evidence, newest first (Finance, Police, Housing)")
            .RequireScope(Scopes.FundsMisuse).RequireCountyWide();
        return api;
    }

    public static RouteGroupBuilder MapPublicRepairs(this RouteGroupBuilder publicApi)
    {
        publicApi.MapGet("/repair-projects/{projectId:guid}", Published).WithName("GetPublishedRepairProject")
            .WithSummary("A project once decided (立项公示) and settled (结算公示): scope size, budget, contractor, what was paid");
        return publicApi;
    }

    public static async Task<Results<Created<RepairProjectResponse>, ValidationProblem, ProblemHttpResult>> Propose(
        Guid communityId, ProposeRepairRequest request, [AsParameters] RepairServices services, ClaimsPrincipal user, CancellationToken ct)
    {
        var (db, access, calendar) = (services.Db, services.Access, services.Calendar);
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var mayPropose = access.IsOwner
            ? access.OwnerId is { } ownerId && await CommitteeSeats.SitsAsync(db, communityId, ownerId, calendar.Today, ct)
            : user.HasScope(Scopes.FundsWrite);
        if (!mayPropose)
        {
            return Problems.Forbidden("repair_proposer", FundsText.Messages);
        }

        var scope = request.ScopeUnitIds!;
        var known = await db.UnitLedgers.IgnoreQueryFilters()
            .CountAsync(l => l.CommunityId == communityId && scope.Contains(l.UnitId), ct);
        if (known != scope.Length)
        {
            var unknown = new ValidationErrors().Add("scopeUnitIds", "error.unknown_units", scope.Length - known);
            return Problems.Validation(unknown, FundsText.Messages);
        }

        var now = calendar.Now;
        var blacklisted = await RepairResolutions.IsBlacklistedAsync(db, request.ContractorId!.Value, calendar.DateOf(now), ct);
        var (project, refused) = RepairProject.Propose(Guid.CreateVersion7(now), communityId, request.ToProposal(), blacklisted,
            access.Actor, now);
        if (refused is not null)
        {
            return Refused(refused);
        }

        db.RepairProjects.Add(project!);
        await FlagSplitJobAsync(services, project!, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{FundsApi.Prefix}/repair-projects/{project!.Id}",
            RepairProjectResponse.From(project));
    }

    public static async Task<Results<Ok<Page<RepairProjectResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Guid communityId, [AsParameters] PageQuery paging, FundsDbContext db, CancellationToken ct)
    {

        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var query = db.RepairProjects.AsNoTracking().Where(p => p.CommunityId == communityId);
        var total = await query.CountAsync(ct);
        var projects = await query.OrderByDescending(p => p.ProposedAt).ThenBy(p => p.Id).Skip(paging.Skip).Take(paging.Take)
            .ToListAsync(ct);
        return TypedResults.Ok(paging.Of(projects.Select(RepairProjectResponse.From).ToList(), total));
    }

    public static async Task<Results<Ok<RepairProjectDetailResponse>, ProblemHttpResult>> Get(
        Guid projectId, FundsDbContext db, CallerAccess access, CancellationToken ct)
    {
        var project = await db.RepairProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
        {
            return Problems.NotFound("repair_project");
        }

        var shares = access.IsCountyWide ? await UnitShares(db, project, ct) : null;
        return TypedResults.Ok(new RepairProjectDetailResponse(RepairProjectResponse.From(project), shares));
    }

    public static async Task<Results<Ok<RepairProjectResponse>, ProblemHttpResult>> Approve(
        Guid projectId, [AsParameters] RepairServices services, CancellationToken ct)
    {
        var db = services.Db;
        var project = await db.RepairProjects.FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
        {
            return Problems.NotFound("repair_project");
        }

        var now = services.Calendar.Now;
        var limits = RepairResolutions.Limits(services.Configuration);
        var yearStart = new DateTimeOffset(now.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var used = project.Track == RepairTrack.Emergency
            ? await db.RepairProjects.IgnoreQueryFilters().CountAsync(p => p.CommunityId == project.CommunityId
                && p.Track == RepairTrack.Emergency && p.ApprovedAt >= yearStart, ct)
            : 0;
        if (project.Approve(services.Access.Actor, now, services.Calendar.DateOf(now), used, limits) is { } refusal)
        {
            return Refused(refusal);
        }

        if (project.Track == RepairTrack.Emergency)
        {
            await FlagRepeatedEmergencyAsync(services, project, limits, now, ct);
        }

        db.QueueEvents(project, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RepairProjectResponse.From(project));
    }

    public static async Task<Results<Created<DisbursementResponse>, Accepted<DisbursementStateResponse>, ProblemHttpResult>> Disburse(
        Guid projectId, DisburseRequest request, [AsParameters] RepairServices services, CancellationToken ct)
    {
        var (db, access, calendar) = (services.Db, services.Access, services.Calendar);
        var project = await db.RepairProjects.FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
        {
            return Problems.NotFound("repair_project");
        }

        var (amount, reference) = (request.AmountFen!.Value, request.BankReference!.Trim());
        var (lines, refused) = await services.Payments.CheckAsync(project, amount, reference, access.Actor, self: null, ct);
        if (refused is not null)
        {
            return refused;
        }

        var now = calendar.Now;
        var threshold = SecondSignatureThreshold.InForce(await db.SecondSignatureThresholds.AsNoTracking().ToListAsync(ct),
            calendar.DateOf(now));
        var disbursement = Disbursement.Request(Guid.CreateVersion7(now), project.Id, project.CommunityId, amount, reference,
            threshold, access.Actor, now);
        db.Disbursements.Add(disbursement);
        if (disbursement.AwaitsCountersignature)
        {
            // 会签: nothing is booked until Finance countersigns; the bank reference is held meanwhile.
            await db.SaveChangesAsync(ct);
            return TypedResults.Accepted($"{FundsApi.Prefix}/disbursements/{disbursement.Id}",
                DisbursementStateResponse.From(disbursement));
        }

        var booked = await services.Payments.BookAsync(project, disbursement, lines!, access.Actor, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{FundsApi.Prefix}/repair-projects/{project.Id}", booked);
    }

    public static async Task<Results<Ok<RepairProjectResponse>, ProblemHttpResult>> Accept(
        Guid projectId, FundsDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        var project = await db.RepairProjects.FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
        {
            return Problems.NotFound("repair_project");
        }

        if (project.Accept(calendar.Now) is { } refusal)
        {
            return Refused(refusal);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RepairProjectResponse.From(project));
    }

    public static async Task<Results<Ok<RepairProjectResponse>, ProblemHttpResult>> Settle(
        Guid projectId, SettleRepairRequest request, [AsParameters] RepairServices services, CancellationToken ct)
    {
        var db = services.Db;
        var project = await db.RepairProjects.FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
        {
            return Problems.NotFound("repair_project");
        }

        // Only booked disbursements count; one awaiting Finance could still change the total.
        var pending = project.Status == RepairStatus.Accepted
            ? await db.Disbursements.IgnoreQueryFilters()
                .CountAsync(d => d.ProjectId == project.Id && d.Status == DisbursementStatus.AwaitingCountersignature, ct)
            : 0;
        if (project.Settle(request.FinalCostFen!.Value, pending, services.Calendar.Now) is { } refusal)
        {
            return Refused(refusal);
        }

        var limits = RepairResolutions.Limits(services.Configuration);
        if (project.IsOverBudget(limits))
        {
            services.Flags.Raise(project.CommunityId, project.Id, MisuseKind.OverBudgetSettlement,
                $"project {project.Id} settled at {project.DisbursedFen} fen against a budget of {project.BudgetFen} fen " +
                $"(threshold {limits.OverBudgetPercent}%)");
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RepairProjectResponse.From(project));
    }

    /// <summary>A refused move answers 409 with its named reason, the same problem the API has always answered.</summary>
    public static ProblemHttpResult Refused(RepairRefusal refusal) => Problems.Conflict(refusal.Reason, FundsText.Messages, refusal.Args);

    /// <summary>A contractor's projects in one community that look like one job split to stay under the vote threshold.</summary>
    private static async Task FlagSplitJobAsync(RepairServices services, RepairProject project, CancellationToken ct)
    {
        var limits = RepairResolutions.Limits(services.Configuration);
        var since = project.ProposedAt.AddDays(-limits.SplitWindowDays);
        var siblings = await services.Db.RepairProjects.IgnoreQueryFilters()
            .Where(p => p.CommunityId == project.CommunityId && p.ContractorId == project.ContractorId && p.ProposedAt >= since
                && p.Status != RepairStatus.Rejected)
            .Select(p => new { p.Id, p.BudgetFen }).ToListAsync(ct);
        if (limits.LooksSplit([.. siblings.Select(s => s.BudgetFen), project.BudgetFen]))
        {
            var listed = string.Join(", ", siblings.Select(s => $"{s.Id} ({s.BudgetFen} fen)"));
            services.Flags.Raise(project.CommunityId, project.Id, MisuseKind.SplitProjects,
                $"contractor {project.ContractorId}: projects {listed} and {project.Id} ({project.BudgetFen} fen) " +
                $"within {limits.SplitWindowDays} days, each under {limits.SplitThresholdFen} fen, " +
                $"together {siblings.Sum(s => s.BudgetFen) + project.BudgetFen} fen");
        }
    }

    /// <summary>The same item approved as an emergency again within the window is a sign of misuse.</summary>
    private static async Task FlagRepeatedEmergencyAsync(
        RepairServices services, RepairProject project, RepairLimits limits, DateTimeOffset now, CancellationToken ct)
    {
        var windowStart = now.AddDays(-limits.RepeatedEmergencyWindowDays);
        var earlier = await services.Db.RepairProjects.IgnoreQueryFilters()
            .Where(p => p.Id != project.Id && p.CommunityId == project.CommunityId && p.Track == RepairTrack.Emergency
                && p.Item == project.Item && p.ApprovedAt >= windowStart)
            .Select(p => p.Id).ToListAsync(ct);
        if (earlier.Count > 0)
        {
            services.Flags.Raise(project.CommunityId, project.Id, MisuseKind.RepeatedEmergency,
                $"item \"{project.Item}\": emergency projects {string.Join(", ", earlier)} approved within " +
                $"{limits.RepeatedEmergencyWindowDays} days before {project.Id}");
        }
    }

    public static async Task<Results<Ok<Page<MisuseFlagResponse>>, ValidationProblem>> Flags(
        Guid? communityId, [AsParameters] PageQuery paging, FundsDbContext db, CancellationToken ct)
    {

        var query = db.MisuseFlags.AsNoTracking().Where(f => communityId == null || f.CommunityId == communityId);
        var total = await query.CountAsync(ct);
        var flags = await query.OrderByDescending(f => f.RaisedAt).ThenBy(f => f.Id).Skip(paging.Skip).Take(paging.Take)
            .Select(f => new MisuseFlagResponse(f.Id, f.CommunityId, f.ProjectId, f.Kind, f.Evidence, f.RaisedAt)).ToListAsync(ct);
        return TypedResults.Ok(paging.Of(flags, total));
    }

    // Decided projects are public (立项公示, 结算公示); those still awaiting a decision are not.
    public static async Task<Results<Ok<RepairProjectResponse>, ProblemHttpResult>> Published(Guid projectId, FundsDbContext db, CancellationToken ct) =>
        await db.RepairProjects.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == projectId && p.Status != RepairStatus.AwaitingVote && p.Status != RepairStatus.AwaitingApproval, ct) is { } project
            ? TypedResults.Ok(RepairProjectResponse.From(project))
            : Problems.NotFound("repair_project");

    /// <summary>What each unit was charged by the project's disbursements, from the journal.</summary>
    private static async Task<List<UnitShareResponse>> UnitShares(FundsDbContext db, RepairProject project, CancellationToken ct)
    {
        var charged = await (from line in db.JournalLines.IgnoreQueryFilters()
                             join transaction in db.JournalTransactions.IgnoreQueryFilters() on line.TransactionId equals transaction.Id
                             where transaction.ProjectId == project.Id && line.DebitFen > 0
                             group line by line.Account into g
                             select new { Account = g.Key, Fen = g.Sum(l => l.DebitFen) }).ToListAsync(ct);
        return charged.Select(c => new UnitShareResponse(Guid.Parse(c.Account.AsSpan("unit:".Length)), c.Fen)).OrderBy(s => s.UnitId).ToList();
    }
}
