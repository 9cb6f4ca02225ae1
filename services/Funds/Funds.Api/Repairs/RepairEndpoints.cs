using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
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
        Guid communityId, ProposeRepairRequest request, FundsDbContext db, MisuseFlagRaiser flags, IConfiguration configuration, CallerAccess access, ClaimsPrincipal user,
        BusinessCalendar calendar, CancellationToken ct)
    {
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
        var known = await db.UnitLedgers.IgnoreQueryFilters().CountAsync(l => l.CommunityId == communityId && scope.Contains(l.UnitId), ct);
        if (known != scope.Length)
        {
            return Problems.Validation(new ValidationErrors().Add("scopeUnitIds", "error.unknown_units", scope.Length - known), FundsText.Messages);
        }

        var now = calendar.Now;
        if (await RepairResolutions.IsBlacklistedAsync(db, request.ContractorId!.Value, calendar.DateOf(now), ct))
        {
            return Problems.Conflict("contractor_blacklisted", FundsText.Messages, request.ContractorId);
        }

        var project = new RepairProject
        {
            Id = Guid.CreateVersion7(now), CommunityId = communityId, Track = request.Track!.Value,
            EmergencyCategory = request.Track == RepairTrack.Emergency ? request.EmergencyCategory : null, Title = request.Title!.Trim(), Item = request.Item!.Trim(),
            ScopeUnitIds = scope, BudgetFen = request.BudgetFen!.Value, ContractorId = request.ContractorId.Value, ContractorName = request.ContractorName!.Trim(),
            Status = request.Track == RepairTrack.Emergency ? RepairStatus.AwaitingApproval : RepairStatus.AwaitingVote, ProposedBy = access.Actor, ProposedAt = now,
        };
        db.RepairProjects.Add(project);

        var limits = RepairResolutions.Limits(configuration);
        var since = now.AddDays(-limits.SplitWindowDays);
        var siblings = await db.RepairProjects.IgnoreQueryFilters()
            .Where(p => p.CommunityId == communityId && p.ContractorId == project.ContractorId && p.ProposedAt >= since && p.Status != RepairStatus.Rejected)
            .Select(p => new { p.Id, p.BudgetFen }).ToListAsync(ct);
        if (limits.LooksSplit([.. siblings.Select(s => s.BudgetFen), project.BudgetFen]))
        {
            flags.Raise(communityId, project.Id, MisuseKind.SplitProjects,
                $"contractor {project.ContractorId}: projects {string.Join(", ", siblings.Select(s => $"{s.Id} ({s.BudgetFen} fen)"))} and {project.Id} ({project.BudgetFen} fen) within {limits.SplitWindowDays} days, each under {limits.SplitThresholdFen} fen, together {siblings.Sum(s => s.BudgetFen) + project.BudgetFen} fen");
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{FundsApi.Prefix}/repair-projects/{project.Id}", RepairProjectResponse.From(project));
    }

    public static async Task<Results<Ok<List<RepairProjectResponse>>, ProblemHttpResult>> List(Guid communityId, FundsDbContext db, CancellationToken ct) =>
        await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok((await db.RepairProjects.AsNoTracking().Where(p => p.CommunityId == communityId).OrderByDescending(p => p.ProposedAt).ToListAsync(ct))
                .Select(RepairProjectResponse.From).ToList())
            : Problems.NotFound("community");

    public static async Task<Results<Ok<RepairProjectDetailResponse>, ProblemHttpResult>> Get(Guid projectId, FundsDbContext db, CallerAccess access, CancellationToken ct)
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
        Guid projectId, FundsDbContext db, MisuseFlagRaiser flags, IConfiguration configuration, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        var project = await db.RepairProjects.FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
        {
            return Problems.NotFound("repair_project");
        }

        var now = calendar.Now;
        var today = calendar.DateOf(now);
        var limits = RepairResolutions.Limits(configuration);
        switch (project.Track, project.Status)
        {
            case (RepairTrack.Normal, RepairStatus.InPublicity) when today <= project.PublicityEndsOn:
                return Problems.Conflict("publicity_not_over", FundsText.Messages, project.PublicityEndsOn);
            case (RepairTrack.Normal, RepairStatus.InPublicity):
                break;
            case (RepairTrack.Emergency, RepairStatus.AwaitingApproval):
                var yearStart = new DateTimeOffset(now.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
                var used = await db.RepairProjects.IgnoreQueryFilters()
                    .CountAsync(p => p.CommunityId == project.CommunityId && p.Track == RepairTrack.Emergency && p.ApprovedAt >= yearStart, ct);
                if (used >= limits.EmergencyUsesPerYear)
                {
                    return Problems.Conflict("emergency_limit_reached", FundsText.Messages, used, limits.EmergencyUsesPerYear);
                }

                var windowStart = now.AddDays(-limits.RepeatedEmergencyWindowDays);
                var earlier = await db.RepairProjects.IgnoreQueryFilters()
                    .Where(p => p.CommunityId == project.CommunityId && p.Track == RepairTrack.Emergency && p.Item == project.Item && p.ApprovedAt >= windowStart)
                    .Select(p => p.Id).ToListAsync(ct);
                if (earlier.Count > 0)
                {
                    flags.Raise(project.CommunityId, project.Id, MisuseKind.RepeatedEmergency,
                        $"item \"{project.Item}\": emergency projects {string.Join(", ", earlier)} approved within {limits.RepeatedEmergencyWindowDays} days before {project.Id}");
                }

                break;
            default:
                return Problems.Conflict("project_not_approvable", FundsText.Messages, project.Status);
        }

        (project.Status, project.ApprovedBy, project.ApprovedAt) = (RepairStatus.Approved, access.Actor, now);
        db.AddIntegrationEvent(new RepairProjectApproved(project.Id, project.CommunityId, project.Track.ToString(), project.BudgetFen, project.ContractorId, now), now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RepairProjectResponse.From(project));
    }

    public static async Task<Results<Created<DisbursementResponse>, Accepted<DisbursementStateResponse>, ProblemHttpResult>> Disburse(
        Guid projectId, DisburseRequest request, FundsDbContext db, RepairPayments payments, CallerAccess access, BusinessCalendar calendar,
        CancellationToken ct)
    {
        var project = await db.RepairProjects.FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
        {
            return Problems.NotFound("repair_project");
        }

        var (amount, reference) = (request.AmountFen!.Value, request.BankReference!.Trim());
        var (lines, refused) = await payments.CheckAsync(project, amount, reference, access.Actor, self: null, ct);
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

        var booked = await payments.BookAsync(project, disbursement, lines!, access.Actor, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{FundsApi.Prefix}/repair-projects/{project.Id}", booked);
    }

    public static async Task<Results<Ok<RepairProjectResponse>, ProblemHttpResult>> Accept(Guid projectId, FundsDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        var project = await db.RepairProjects.FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
        {
            return Problems.NotFound("repair_project");
        }

        if (project.Status != RepairStatus.Approved)
        {
            return Problems.Conflict("project_not_approved", FundsText.Messages, project.Status);
        }

        (project.Status, project.AcceptedAt) = (RepairStatus.Accepted, calendar.Now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RepairProjectResponse.From(project));
    }

    public static async Task<Results<Ok<RepairProjectResponse>, ProblemHttpResult>> Settle(
        Guid projectId, SettleRepairRequest request, FundsDbContext db, MisuseFlagRaiser flags, IConfiguration configuration, BusinessCalendar calendar, CancellationToken ct)
    {
        var project = await db.RepairProjects.FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
        {
            return Problems.NotFound("repair_project");
        }

        if (project.Status != RepairStatus.Accepted)
        {
            return Problems.Conflict("project_not_accepted", FundsText.Messages, project.Status);
        }

        // Only booked disbursements count; one awaiting Finance could still change the total.
        var pending = await db.Disbursements.IgnoreQueryFilters()
            .CountAsync(d => d.ProjectId == project.Id && d.Status == DisbursementStatus.AwaitingCountersignature, ct);
        if (pending > 0)
        {
            return Problems.Conflict("countersignature_pending", FundsText.Messages, pending);
        }

        if (request.FinalCostFen != project.DisbursedFen)
        {
            return Problems.Conflict("settlement_mismatch", FundsText.Messages, request.FinalCostFen, project.DisbursedFen);
        }

        var limits = RepairResolutions.Limits(configuration);
        if (limits.OverBudget(project.DisbursedFen, project.BudgetFen))
        {
            flags.Raise(project.CommunityId, project.Id, MisuseKind.OverBudgetSettlement,
                $"project {project.Id} settled at {project.DisbursedFen} fen against a budget of {project.BudgetFen} fen (threshold {limits.OverBudgetPercent}%)");
        }

        (project.Status, project.SettledAt) = (RepairStatus.Settled, calendar.Now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RepairProjectResponse.From(project));
    }

    public static async Task<Ok<List<MisuseFlagResponse>>> Flags(Guid? communityId, FundsDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.MisuseFlags.AsNoTracking().Where(f => communityId == null || f.CommunityId == communityId).OrderByDescending(f => f.RaisedAt)
            .Select(f => new MisuseFlagResponse(f.Id, f.CommunityId, f.ProjectId, f.Kind, f.Evidence, f.RaisedAt)).ToListAsync(ct));

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
