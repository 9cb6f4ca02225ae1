using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Api.Journal;
using Platform.Funds.Domain.Repairs;

namespace Platform.Funds.Api.Repairs;

/// <summary>
/// 会签: a disbursement above the second-signature threshold waits for Finance, who countersigns it (then it is booked,
/// once) or refuses it (nothing booked). Finance sets the threshold, as data with its effective date.
/// </summary>
public static class DisbursementEndpoints
{
    public static RouteGroupBuilder MapDisbursementEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Disbursements");
        group.MapGet("/disbursements", List).WithName("ListDisbursements")
            .WithSummary("Disbursements, newest first; ?status=AwaitingCountersignature is Finance's queue")
            .RequireScope(Scopes.FundsRead).RequireCountyWide();
        group.MapGet("/disbursements/{disbursementId:guid}", Get).WithName("GetDisbursement")
            .WithSummary("A disbursement and where it stands").RequireScope(Scopes.FundsRead).RequireCountyWide();
        group.MapPost("/disbursements/{disbursementId:guid}/countersignature", Countersign).WithName("CountersignDisbursement")
            .WithSummary("会签: Finance signs a disbursement above the threshold the second time; it is booked then, once")
            .RequireScope(Scopes.FundsApprove).RequireOrganisation(OrganisationTypes.Finance).AsAuditedCommand();
        group.MapPost("/disbursements/{disbursementId:guid}/countersignature-refusal", Refuse)
            .WithName("RefuseDisbursementCountersignature")
            .WithSummary("Finance refuses to countersign, with its reason: nothing is booked and the project may be paid again")
            .RequireScope(Scopes.FundsApprove).RequireOrganisation(OrganisationTypes.Finance).AsAuditedCommand();
        group.MapGet("/second-signature-thresholds", Thresholds).WithName("ListSecondSignatureThresholds")
            .WithSummary("The second-signature threshold in force and every figure set, with its effective date")
            .RequireScope(Scopes.FundsRead).RequireCountyWide();
        group.MapPost("/second-signature-thresholds", SetThreshold).WithName("SetSecondSignatureThreshold")
            .WithSummary("Finance sets the second-signature threshold from a business date (today or later)")
            .RequireScope(Scopes.FundsApprove).RequireOrganisation(OrganisationTypes.Finance).AsAuditedCommand();
        return api;
    }

    public static async Task<Results<Ok<Page<DisbursementStateResponse>>, ValidationProblem>> List(
        [AsParameters] DisbursementFilter filter, FundsDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        new PageQuery(filter.Offset, filter.Limit).Validate(errors);
        if (filter.Status is { } status && !Enum.IsDefined(status))
        {
            errors.Add("status", "error.unknown_value");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors, FundsText.Messages);
        }

        var query = db.Disbursements.AsNoTracking()
            .Where(d => filter.Status == null || d.Status == filter.Status)
            .Where(d => filter.ProjectId == null || d.ProjectId == filter.ProjectId);
        var total = await query.CountAsync(ct);
        var page = await query.OrderByDescending(d => d.RequestedAt).ThenBy(d => d.Id).Skip(filter.Offset).Take(filter.Limit)
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<DisbursementStateResponse>(page.Select(DisbursementStateResponse.From).ToList(), total,
            filter.Offset, filter.Limit));
    }

    public static async Task<Results<Ok<DisbursementStateResponse>, ProblemHttpResult>> Get(Guid disbursementId, FundsDbContext db,
        CancellationToken ct) =>
        await db.Disbursements.AsNoTracking().FirstOrDefaultAsync(d => d.Id == disbursementId, ct) is { } disbursement
            ? TypedResults.Ok(DisbursementStateResponse.From(disbursement))
            : Problems.NotFound("disbursement");

    public static async Task<Results<Ok<DisbursementResponse>, ProblemHttpResult>> Countersign(
        Guid disbursementId, [AsParameters] RepairServices services, CancellationToken ct)
    {
        var (db, payments, access) = (services.Db, services.Payments, services.Access);
        if (await Locked(db, services.Journal, disbursementId, ct) is not { } disbursement)
        {
            return Problems.NotFound("disbursement");
        }

        var project = await db.RepairProjects.IgnoreQueryFilters().FirstAsync(p => p.Id == disbursement.ProjectId, ct);
        if (disbursement.Countersign(access.Actor, services.Calendar.Now) is { } refusal)
        {
            return Problems.Conflict(refusal.Reason, FundsText.Messages, refusal.Args);
        }

        // The same checks as when it was asked for: the balances, the blacklist and the project may have changed since.
        var (lines, refused) = await payments.CheckAsync(project, disbursement.AmountFen, disbursement.BankReference, access.Actor,
            disbursement.Id, ct);
        if (refused is not null)
        {
            return refused;
        }

        var booked = await payments.BookAsync(project, disbursement, lines!, access.Actor, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(booked);
    }

    public static async Task<Results<Ok<DisbursementStateResponse>, ProblemHttpResult>> Refuse(
        Guid disbursementId, RefuseCountersignatureRequest request, [AsParameters] RepairServices services, CancellationToken ct)
    {
        var db = services.Db;
        if (await Locked(db, services.Journal, disbursementId, ct) is not { } disbursement)
        {
            return Problems.NotFound("disbursement");
        }

        if (disbursement.RefuseCountersignature(services.Access.Actor, request.Reason!, services.Calendar.Now) is { } refusal)
        {
            return Problems.Conflict(refusal.Reason, FundsText.Messages, refusal.Args);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(DisbursementStateResponse.From(disbursement));
    }

    public static async Task<Ok<SecondSignatureThresholdsResponse>> Thresholds(FundsDbContext db, BusinessCalendar calendar,
        CancellationToken ct)
    {
        var history = await db.SecondSignatureThresholds.AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(new SecondSignatureThresholdsResponse(
            SecondSignatureThresholdResponse.From(SecondSignatureThreshold.InForce(history, calendar.Today)),
            history.OrderByDescending(t => t.EffectiveFrom).ThenByDescending(t => t.SetAt)
                .Select(SecondSignatureThresholdResponse.From).ToList()));
    }

    public static async Task<Results<Created<SecondSignatureThresholdResponse>, ValidationProblem>> SetThreshold(
        SetSecondSignatureThresholdRequest request, FundsDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        var today = calendar.Today;
        if (!SecondSignatureThreshold.MayTakeEffect(request.EffectiveFrom!.Value, today))
        {
            return Problems.Validation(new ValidationErrors().Add("effectiveFrom", "error.before_today", today), FundsText.Messages);
        }

        var now = calendar.Now;
        var threshold = new SecondSignatureThreshold(Guid.CreateVersion7(now), request.ThresholdFen!.Value,
            request.EffectiveFrom.Value, access.Actor, now);
        db.SecondSignatureThresholds.Add(threshold);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{FundsApi.Prefix}/second-signature-thresholds",
            SecondSignatureThresholdResponse.From(threshold));
    }

    /// <summary>
    /// The disbursement read after its community's journal lock is taken: a second countersignature or a refusal racing
    /// this one waits, then finds it decided.
    /// </summary>
    private static async Task<Disbursement?> Locked(FundsDbContext db, FundJournal journal, Guid disbursementId, CancellationToken ct)
    {
        var community = await db.Disbursements.AsNoTracking().Where(d => d.Id == disbursementId).Select(d => (Guid?)d.CommunityId)
            .FirstOrDefaultAsync(ct);
        if (community is null)
        {
            return null;
        }

        await journal.LockAsync(community.Value, ct);
        return await db.Disbursements.FirstAsync(d => d.Id == disbursementId, ct);
    }
}
