using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Fees.Api.Billing;
using Platform.Fees.Api.Infrastructure;
using Platform.Fees.Domain.Billing;
using Platform.Fees.Domain.Standards;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Fees.Api.Standards;

/// <summary>
/// Price bands per star level (Development &amp; Reform) and each community's fee standard checked
/// against the band for its star level (质价相符, seed item 6). Both are published.
/// </summary>
public static class StandardEndpoints
{
    public static RouteGroupBuilder MapStandardEndpoints(this RouteGroupBuilder api)
    {
        var standards = api.MapGroup("").WithTags("Fee standards");
        standards.MapPost("/price-bands", PublishBand).WithName("PublishPriceBand")
            .WithSummary("Publish the guided base price and float for a year, star level and use (Development and Reform)")
            .RequireScope(Scopes.FeesStandards).RequireOrganisation(OrganisationTypes.DevelopmentAndReform).AsAuditedCommand();
        standards.MapPost("/communities/{communityId:guid}/fee-standards", SetStandard).WithName("SetFeeStandard")
            .WithSummary("Set a community's contracted fee for a use from a month on; refused outside the band of its star level")
            .RequireScope(Scopes.FeesWrite).AsAuditedCommand();
        standards.MapGet("/price-quality-mismatches", ListMismatches).WithName("ListPriceQualityMismatches")
            .WithSummary("Fee standards in force outside their community's star-level band, flagged for Market Regulation, newest first")
            .RequireScope(Scopes.FeesRead).RequireCountyWide();
        standards.MapGet("/communities/{communityId:guid}/fee-standards", ListStandards).WithName("ListFeeStandards")
            .WithSummary("A community's fee standards, newest first").RequireScope(Scopes.FeesRead);
        return api;
    }

    public static RouteGroupBuilder MapPublicStandards(this RouteGroupBuilder publicApi)
    {
        publicApi.MapGet("/price-bands", PublishedBands).WithName("ListPublishedPriceBands").WithSummary("Published price bands, optionally of one year");
        publicApi.MapGet("/communities/{communityId:guid}/fee-standards", PublishedStandards).WithName("ListPublishedFeeStandards")
            .WithSummary("A community's fee standards and their history, as published");
        return publicApi;
    }

    public static async Task<Results<Created<PriceBandResponse>, ProblemHttpResult>> PublishBand(
        PublishPriceBandRequest request, FeesDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        if (await db.PriceBands.AnyAsync(b => b.Year == request.Year && b.StarLevel == request.StarLevel && b.Use == request.Use, ct))
        {
            return Problems.Conflict("price_band_published", FeesText.Messages, request.Year, request.StarLevel, request.Use);
        }

        var now = time.GetUtcNow();
        var band = new PublishedPriceBand
        {
            Id = Guid.CreateVersion7(now), Year = request.Year!.Value, StarLevel = request.StarLevel!.Value, Use = request.Use!.Value,
            BaseFen = request.BaseFen!.Value, FloatPercent = request.FloatPercent!.Value, PublishedBy = access.Actor, PublishedAt = now,
        };
        db.PriceBands.Add(band);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{PublicPrefix}/price-bands?year={band.Year}", PriceBandResponse.From(band));
    }

    public static async Task<Results<Created<SetFeeStandardResponse>, ValidationProblem, ProblemHttpResult>> SetStandard(
        Guid communityId, SetFeeStandardRequest request, FeesDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        var community = await db.Set<RegistryCommunity>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == communityId, ct);
        if (community is null)
        {
            return Problems.NotFound("community");
        }

        var from = BillingPeriod.Parse(request.EffectiveFrom!);
        var band = await db.PriceBands.AsNoTracking()
            .FirstOrDefaultAsync(b => b.Year == from.Year && b.StarLevel == community.StarLevel && b.Use == request.Use, ct);
        if (band is null)
        {
            return Problems.Conflict("no_price_band", FeesText.Messages, from.Year, community.StarLevel, request.Use);
        }

        if (!band.ToBand().Admits(request.RateFen!.Value))
        {
            return Problems.Validation(new ValidationErrors().Add("rateFen", "error.rate_outside_band", community.StarLevel, band.ToBand().LowestFen, band.ToBand().HighestFen),
                FeesText.Messages);
        }

        // Under the billing lock: a bill run either ran before (then only the bureau may re-price it) or runs after (at the new rate).
        await BillingLock.AcquireAsync(db, communityId, ct);
        var lastBilled = await db.Bills.IgnoreQueryFilters().Where(b => b.CommunityId == communityId)
            .MaxAsync(b => (string?)b.Period, ct) is { } period
            ? BillingPeriod.Parse(period)
            : (BillingPeriod?)null;
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        switch (StandardTiming.Check(from, lastBilled, access.OrganisationType == OrganisationTypes.Housing, reason))
        {
            case StandardTimingRefusal.MonthBilled:
                return Problems.Conflict("standard_month_billed", FeesText.Messages, from, lastBilled, lastBilled!.Value.AddMonths(1));
            case StandardTimingRefusal.ReasonRequired:
                return Problems.Validation(
                    new ValidationErrors().Add("reason", "error.reason_for_billed_month", lastBilled), FeesText.Messages);
        }

        var now = time.GetUtcNow();
        var standard = new FeeStandard
        {
            Id = Guid.CreateVersion7(now), CommunityId = communityId, Use = request.Use!.Value, RateFen = request.RateFen.Value,
            EffectiveFrom = from.FirstDay, StarLevel = community.StarLevel, SetBy = access.Actor, SetAt = now,
            BilledMonthReason = lastBilled is { } billed && from.CompareTo(billed) <= 0 ? reason : null,
        };
        db.FeeStandards.Add(standard);
        await db.SaveChangesAsync(ct);
        var (adjusted, adjustedFen) = await BillAdjustments.IssueAsync(db, standard, ct);
        return TypedResults.Created($"{FeesApi.Prefix}/communities/{communityId}/fee-standards",
            new SetFeeStandardResponse(FeeStandardResponse.From(standard), adjusted, adjustedFen));
    }

    public static async Task<Results<Ok<Page<FeeStandardResponse>>, ProblemHttpResult>> ListStandards(
        Guid communityId, [AsParameters] PageQuery page, FeesDbContext db, CancellationToken ct) =>
        await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok(await Standards(db, communityId, page, ct))
            : Problems.NotFound("community");

    public static async Task<Ok<Page<PriceQualityMismatchResponse>>> ListMismatches(
        Guid? communityId, [AsParameters] PageQuery page, FeesDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.PriceQualityMismatches.AsNoTracking().Where(m => communityId == null || m.CommunityId == communityId)
            .OrderByDescending(m => m.FlaggedAt).ThenByDescending(m => m.Id)
            .PageAsync(page, m => new PriceQualityMismatchResponse(m.Id, m.CommunityId, m.FeeStandardId, m.Use, m.RateFen, m.StarLevel,
                m.BandYear, m.BandLowestFen, m.BandHighestFen, m.FlaggedAt), ct));

    public static async Task<Ok<Page<PriceBandResponse>>> PublishedBands(
        int? year, [AsParameters] PageQuery page, FeesDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.PriceBands.AsNoTracking().Where(b => year == null || b.Year == year)
            .OrderByDescending(b => b.Year).ThenBy(b => b.Use).ThenBy(b => b.StarLevel).ThenBy(b => b.Id)
            .PageAsync(page, PriceBandResponse.From, ct));

    // Fee standards are public (收费标准公示); the read is for everyone, past the access filters.
    public static async Task<Results<Ok<Page<FeeStandardResponse>>, ProblemHttpResult>> PublishedStandards(
        Guid communityId, [AsParameters] PageQuery page, FeesDbContext db, CancellationToken ct) =>
        await db.Set<RegistryCommunity>().IgnoreQueryFilters().AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok(await Standards(db, communityId, page, ct))
            : Problems.NotFound("community");

    private static string PublicPrefix => Platform.BuildingBlocks.Hosting.PublicApi.PrefixOf(FeesApi.ServiceName);

    private static Task<Page<FeeStandardResponse>> Standards(FeesDbContext db, Guid communityId, PageQuery page, CancellationToken ct) =>
        db.FeeStandards.IgnoreQueryFilters().AsNoTracking().Where(s => s.CommunityId == communityId)
            .OrderByDescending(s => s.EffectiveFrom).ThenByDescending(s => s.SetAt).ThenByDescending(s => s.Id)
            .PageAsync(page, FeeStandardResponse.From, ct);
}
