using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.Funds.Api.Infrastructure;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Funds.Api.Disclosures;

public sealed record PublishFundDisclosureRequest(string? Quarter, string? From, string? To) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (!DisclosurePeriod.TryRead(Quarter, From, To, out _, out var error))
        {
            errors.Add(error!.Value.Field, error.Value.Key, DisclosurePeriod.MaxMonths);
        }
    }

    public DisclosurePeriod ToPeriod() => DisclosurePeriod.TryRead(Quarter, From, To, out var period, out _) ? period : throw new FormatException("Validated first.");
}

public sealed record FundDisclosureSummaryResponse(Guid Id, Guid CommunityId, string Period, bool IsQuarterly, int Version, string ContentHash, DateTimeOffset PublishedAt);

public sealed record FundDisclosureResponse(
    Guid Id, Guid CommunityId, string Period, bool IsQuarterly, int Version, string ContentHash, DateTimeOffset PublishedAt, string Content);

/// <summary>Fund accounts published per community (维修资金公示): quarterly, or on demand; immutable versions anyone reads under /public.</summary>
public static class FundDisclosureEndpoints
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static RouteGroupBuilder MapFundDisclosureEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/communities/{communityId:guid}/fund-disclosures", Publish).WithName("PublishFundDisclosure").WithTags("Disclosures")
            .WithSummary("Publish a community's fund accounts for an ended quarter, or on demand for a run of months; a new version each time")
            .RequireScope(Scopes.FundsWrite).AsAuditedCommand();
        return api;
    }

    public static RouteGroupBuilder MapPublicFundDisclosures(this RouteGroupBuilder publicApi)
    {
        publicApi.MapGet("/communities/{communityId:guid}/fund-disclosures", Published).WithName("ListPublishedFundDisclosures")
            .WithSummary("A community's published fund disclosures, every version, newest first");
        publicApi.MapGet("/fund-disclosures/{disclosureId:guid}", PublishedOne).WithName("GetPublishedFundDisclosure")
            .WithSummary("One published fund disclosure, exactly as published");
        return publicApi;
    }

    public static async Task<Results<Created<FundDisclosureResponse>, ProblemHttpResult>> Publish(
        Guid communityId, PublishFundDisclosureRequest request, FundsDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        var community = await db.Set<RegistryCommunity>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == communityId, ct);
        if (community is null)
        {
            return Problems.NotFound("community");
        }

        var period = request.ToPeriod();
        var now = calendar.Now;
        if (period.IsQuarter && period.LastDay >= calendar.DateOf(now))
        {
            return Problems.Conflict("quarter_not_ended", FundsText.Messages, period.ToString());
        }

        var disclosure = await PublishedVersion.NextAsync<FundDisclosure>(db, communityId, period.ToString(), period.IsQuarter,
            async () => await FundDisclosureCompiler.CompileAsync(db, community, period, now, ct), Json, access.Actor, now, ct);
        db.AddIntegrationEvent(new FundDisclosurePublished(disclosure.Id, communityId, disclosure.Period, disclosure.Version, disclosure.ContentHash, now), now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/public/funds/v1/fund-disclosures/{disclosure.Id}", Describe(disclosure));
    }

    // Published disclosures are for everyone, past the access filters.
    public static async Task<Results<Ok<List<FundDisclosureSummaryResponse>>, ProblemHttpResult>> Published(Guid communityId, FundsDbContext db, CancellationToken ct) =>
        await db.Set<RegistryCommunity>().IgnoreQueryFilters().AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok(await db.FundDisclosures.IgnoreQueryFilters().AsNoTracking().Where(d => d.CommunityId == communityId).OrderByDescending(d => d.PublishedAt)
                .Select(d => new FundDisclosureSummaryResponse(d.Id, d.CommunityId, d.Period, d.IsQuarterly, d.Version, d.ContentHash, d.PublishedAt)).ToListAsync(ct))
            : Problems.NotFound("community");

    public static async Task<Results<Ok<FundDisclosureResponse>, ProblemHttpResult>> PublishedOne(Guid disclosureId, FundsDbContext db, CancellationToken ct) =>
        await db.FundDisclosures.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Id == disclosureId, ct) is { } disclosure
            ? TypedResults.Ok(Describe(disclosure))
            : Problems.NotFound("disclosure");

    private static FundDisclosureResponse Describe(FundDisclosure d) =>
        new(d.Id, d.CommunityId, d.Period, d.IsQuarterly, d.Version, d.ContentHash, d.PublishedAt, d.Content);
}
