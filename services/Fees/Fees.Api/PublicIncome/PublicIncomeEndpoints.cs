using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.Fees.Api.Infrastructure;
using Platform.Fees.Domain.Billing;
using Platform.Fees.Domain.PublicIncome;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Fees.Api.PublicIncome;

public sealed record RecordPublicIncomeRequest(PublicIncomeKind? Kind, PublicIncomeSource? Source, long? AmountFen, string? Description, DateOnly? OccurredOn)
    : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (Kind is PublicIncomeKind.TransferToFund or PublicIncomeKind.FeeShortfallCover)
        {
            // Uses of the owners' share have their own commands, which check it.
            errors.Add("kind", "error.unknown_value");
        }

        errors.Defined("kind", Kind).Defined("source", Source).InRange("amountFen", AmountFen, 1L, 10_000_000_000L).Required("description", Description, 500);
        errors.NotInFuture("occurredOn", OccurredOn);
    }
}

public sealed record TransferToFundRequest(long? AmountFen, string? Description) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) =>
        errors.InRange("amountFen", AmountFen, 1L, 10_000_000_000L).Required("description", Description, 500);
}

/// <summary>A cover names the owners' resolution that agreed it (<c>resolutionId</c>, the proposal's id).</summary>
public sealed record CoverFeeShortfallRequest(string? Period, long? AmountFen, string? Description, Guid? ResolutionId)
    : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.InRange("amountFen", AmountFen, 1L, 10_000_000_000L).Required("description", Description, 500);
        if (ResolutionId is null || ResolutionId == Guid.Empty)
        {
            errors.Add("resolutionId", "error.resolution_required");
        }

        if (!BillingPeriod.TryParse(Period, out _))
        {
            errors.Add("period", "error.period_format");
        }
    }
}

public sealed record PublicIncomeEntryResponse(
    Guid Id, PublicIncomeKind Kind, PublicIncomeSource Source, long AmountFen, string Description, DateOnly OccurredOn, string? CoversPeriod,
    Guid? ResolutionId, long Position, string Hash);

/// <summary>
/// The ledger with its totals and the split in force today; the owners' and the company's shares of the net take each entry
/// under the split in force on its day.
/// </summary>
public sealed record PublicIncomeLedgerResponse(
    Guid CommunityId, long IncomeFen, long ExpenseFen, long NetFen, int OwnersSharePercent, Guid? SplitResolutionId,
    long OwnersShareFen, long CompanyShareFen, long TransferredToFundFen, long ShortfallCoveredFen, long OwnersAvailableFen,
    IReadOnlyList<PublicIncomeEntryResponse> Entries);

/// <summary>A community's public-income ledger (seed item 13).</summary>
public static class PublicIncomeEndpoints
{
    public static RouteGroupBuilder MapPublicIncomeEndpoints(this RouteGroupBuilder api)
    {
        var income = api.MapGroup("/communities/{communityId:guid}/public-income").WithTags("Public income");
        income.MapPost("", Record).WithName("RecordPublicIncome")
            .WithSummary("Book income from common parts, or an expense paid from it").RequireScope(Scopes.FeesWrite).AsAuditedCommand();
        income.MapPost("/transfers-to-fund", TransferToFund).WithName("TransferPublicIncomeToFund")
            .WithSummary("Move part of the owners' share to the community's maintenance fund; never more than is available")
            .RequireScope(Scopes.FeesWrite).AsAuditedCommand();
        income.MapPost("/fee-shortfall-covers", CoverFeeShortfall).WithName("CoverFeeShortfall")
            .WithSummary("In an old community, pay the serving company part of the owners' share for a month's fees not collected, " +
                         "as an owners' resolution agreed; never more than that month's shortfall or the resolution's limit")
            .RequireScope(Scopes.FeesWrite).AsAuditedCommand();
        income.MapGet("", Ledger).WithName("GetPublicIncomeLedger")
            .WithSummary("The ledger, its totals and the owners' and company's shares under the split in force").RequireScope(Scopes.FeesRead);
        return api;
    }

    public static async Task<Results<Created<PublicIncomeEntryResponse>, ProblemHttpResult>> Record(
        Guid communityId, RecordPublicIncomeRequest request, FeesDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var entry = await PublicIncomeLedger.AppendAsync(db, communityId, request.Kind!.Value, request.Source!.Value, request.AmountFen!.Value,
            request.Description!.Trim(), request.OccurredOn!.Value, null, access.Actor, calendar.Now, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{FeesApi.Prefix}/communities/{communityId}/public-income", Describe(entry!));
    }

    public static async Task<Results<Created<PublicIncomeEntryResponse>, ProblemHttpResult>> TransferToFund(
        Guid communityId, TransferToFundRequest request, FeesDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var now = calendar.Now;
        // The ledger's lock first, so the share checked is the share the transfer takes from.
        await PublicIncomeLedger.LockAsync(db, communityId, ct);
        var ledger = await Summarise(db, communityId, calendar.DateOf(now), ct);
        if (request.AmountFen > ledger.OwnersAvailableFen)
        {
            return Problems.Conflict("owners_share_exceeded", FeesText.Messages, request.AmountFen, ledger.OwnersAvailableFen);
        }

        var entry = (await PublicIncomeLedger.AppendAsync(db, communityId, PublicIncomeKind.TransferToFund, PublicIncomeSource.OwnersShare,
            request.AmountFen!.Value, request.Description!.Trim(), calendar.DateOf(now), null, access.Actor, now, ct))!;
        db.AddIntegrationEvent(new PublicIncomeTransferredToFund(entry.Id, communityId, entry.AmountFen, now), now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{FeesApi.Prefix}/communities/{communityId}/public-income", Describe(entry));
    }

    public static async Task<Results<Created<PublicIncomeEntryResponse>, ValidationProblem, ProblemHttpResult>> CoverFeeShortfall(
        Guid communityId, CoverFeeShortfallRequest request, FeesDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        var community = await db.Set<RegistryCommunity>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == communityId, ct);
        if (community is null)
        {
            return Problems.NotFound("community");
        }

        if (!community.IsOldCommunity)
        {
            return Problems.Conflict("not_old_community", FeesText.Messages);
        }

        // The company is paid from the owners' share only as the owners agreed: a passed resolution fees holds, checked here.
        var resolution = await db.OwnersResolutions.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(r => r.ProposalId == request.ResolutionId, ct);
        var refusal = resolution?.MayCoverShortfallIn(communityId) ?? ResolutionRefusal.OtherCommunity;
        if (refusal != ResolutionRefusal.None)
        {
            var error = new ValidationErrors().Add("resolutionId", ErrorKey(refusal), PublicIncomeResolutions.ShortfallCoverLimitTerm);
            return Problems.Validation(error, FeesText.Messages);
        }

        var period = BillingPeriod.Parse(request.Period!).ToString();
        var now = calendar.Now;
        await PublicIncomeLedger.LockAsync(db, communityId, ct);
        var ledger = await Summarise(db, communityId, calendar.DateOf(now), ct);
        var shortfall = await UncoveredShortfall(db, communityId, period, ct);
        if (request.AmountFen > Math.Min(shortfall, ledger.OwnersAvailableFen))
        {
            return Problems.Conflict("shortfall_exceeded", FeesText.Messages, request.AmountFen, period, shortfall, ledger.OwnersAvailableFen);
        }

        var coveredUnder = await db.PublicIncomeEntries.IgnoreQueryFilters().Where(e => e.ResolutionId == resolution!.ProposalId)
            .SumAsync(e => e.AmountFen, ct);
        if (request.AmountFen > resolution!.ShortfallCoverLimitFen - coveredUnder)
        {
            return Problems.Conflict("cover_exceeds_resolution", FeesText.Messages, request.AmountFen, resolution.ProposalId,
                resolution.ShortfallCoverLimitFen, coveredUnder);
        }

        var entry = (await PublicIncomeLedger.AppendAsync(db, communityId, PublicIncomeKind.FeeShortfallCover, PublicIncomeSource.OwnersShare,
            request.AmountFen!.Value, request.Description!.Trim(), calendar.DateOf(now), null, access.Actor, now, ct,
            coversPeriod: period, resolutionId: resolution.ProposalId))!;
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{FeesApi.Prefix}/communities/{communityId}/public-income", Describe(entry));
    }

    public static async Task<Results<Ok<PublicIncomeLedgerResponse>, ProblemHttpResult>> Ledger(
        Guid communityId, FeesDbContext db, BusinessCalendar calendar, CancellationToken ct) =>
        await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok(await Summarise(db, communityId, calendar.Today, ct))
            : Problems.NotFound("community");

    private static string ErrorKey(ResolutionRefusal refusal) => refusal switch
    {
        ResolutionRefusal.NotCommunityWide => "error.resolution_not_community_wide",
        ResolutionRefusal.WrongMatter => "error.resolution_wrong_matter",
        ResolutionRefusal.TermMissing => "error.resolution_no_cover_limit",
        _ => "error.resolution_unknown",
    };

    private static async Task<PublicIncomeLedgerResponse> Summarise(
        FeesDbContext db, Guid communityId, DateOnly today, CancellationToken ct)
    {
        var entries = await db.PublicIncomeEntries.IgnoreQueryFilters().AsNoTracking().Where(e => e.CommunityId == communityId).OrderBy(e => e.Position).ToListAsync(ct);
        var splits = await PublicIncomeSplit.OfAsync(db.PublicIncomeSplits, communityId, ct);
        long Sum(PublicIncomeKind kind) => entries.Where(e => e.Kind == kind).Sum(e => e.AmountFen);
        var (income, expense, transferred, covered) =
            (Sum(PublicIncomeKind.Income), Sum(PublicIncomeKind.Expense), Sum(PublicIncomeKind.TransferToFund), Sum(PublicIncomeKind.FeeShortfallCover));
        var split = PublicIncomeShares.InForceOn(today, splits.OrderBy(s => s.From));
        var company = PublicIncomeShares.CompanyShareFen(NetFlows(entries), splits);
        var owners = income - expense - company;
        return new PublicIncomeLedgerResponse(communityId, income, expense, income - expense, split?.OwnersSharePercent ?? 100,
            split?.ResolutionId,
            owners, company, transferred, covered, Math.Max(0, owners - transferred - covered), entries.Select(Describe).ToList());
    }

    /// <summary>Income and expenses as signed amounts on their days, for the split in force on each.</summary>
    internal static IEnumerable<(DateOnly On, long NetFen)> NetFlows(IEnumerable<PublicIncomeEntry> entries) =>
        entries.Where(e => e.Kind is PublicIncomeKind.Income or PublicIncomeKind.Expense)
            .Select(e => (e.OccurredOn, e.Kind == PublicIncomeKind.Income ? e.AmountFen : -e.AmountFen));

    /// <summary>A month's fees billed (with adjustments) and neither collected nor covered yet.</summary>
    private static async Task<long> UncoveredShortfall(FeesDbContext db, Guid communityId, string period, CancellationToken ct)
    {
        var bills = db.Bills.IgnoreQueryFilters().Where(b => b.CommunityId == communityId && b.Period == period);
        var billed = await bills.SumAsync(b => b.AmountFen, ct)
                     + await db.BillAdjustments.IgnoreQueryFilters().Where(a => a.CommunityId == communityId && a.Period == period).SumAsync(a => a.AmountFen, ct);
        var collected = await db.PaymentAllocations.IgnoreQueryFilters().Where(a => bills.Any(b => b.Id == a.BillId)).SumAsync(a => a.AmountFen, ct);
        var covered = await db.PublicIncomeEntries.IgnoreQueryFilters()
            .Where(e => e.CommunityId == communityId && e.Kind == PublicIncomeKind.FeeShortfallCover && e.CoversPeriod == period).SumAsync(e => e.AmountFen, ct);
        return Math.Max(0, billed - collected - covered);
    }

    private static PublicIncomeEntryResponse Describe(PublicIncomeEntry e) =>
        new(e.Id, e.Kind, e.Source, e.AmountFen, e.Description, e.OccurredOn, e.CoversPeriod, e.ResolutionId, e.Position, e.Hash);
}
