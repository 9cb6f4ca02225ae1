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
using Platform.Fees.Api.Infrastructure;
using Platform.Fees.Domain.Billing;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Fees.Api.Disclosures;

public sealed record PublishDisclosureRequest(string? Quarter, string? From, string? To) : IValidatableRequest
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

public sealed record DisclosureSummaryResponse(Guid Id, Guid CommunityId, string Period, bool IsQuarterly, int Version, string ContentHash, DateTimeOffset PublishedAt);

/// <summary>A published version: the content exactly as published (its SHA-256 is <c>ContentHash</c>).</summary>
public sealed record DisclosureResponse(
    Guid Id, Guid CommunityId, string Period, bool IsQuarterly, int Version, string ContentHash, DateTimeOffset PublishedAt, string Content);

/// <summary>A community with no quarterly disclosure for a quarter whose deadline has passed.</summary>
public sealed record OverdueDisclosureResponse(Guid CommunityId, string CommunityName, Guid? PropertyCompanyId, string Quarter, DateOnly DueBy);

/// <summary>
/// Disclosures (公示, seed item 13): published per community each quarter and on demand, as immutable versions
/// anyone reads under /public; Market Regulation lists communities overdue for their quarter.
/// </summary>
public static class DisclosureEndpoints
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static RouteGroupBuilder MapDisclosureEndpoints(this RouteGroupBuilder api)
    {
        var disclosures = api.MapGroup("").WithTags("Disclosures");
        disclosures.MapPost("/communities/{communityId:guid}/disclosures", Publish).WithName("PublishDisclosure")
            .WithSummary("Publish a community's disclosure for an ended quarter, or on demand for a run of months; a new version each time")
            .RequireScope(Scopes.FeesWrite).AsAuditedCommand();
        disclosures.MapGet("/disclosures/overdue", Overdue).WithName("ListOverdueDisclosures")
            .WithSummary("Communities without a quarterly disclosure for the latest quarter whose deadline has passed (Market Regulation)")
            .RequireScope(Scopes.FeesRead).RequireCountyWide();
        return api;
    }

    public static RouteGroupBuilder MapPublicDisclosures(this RouteGroupBuilder publicApi)
    {
        publicApi.MapGet("/communities/{communityId:guid}/disclosures", Published).WithName("ListPublishedDisclosures")
            .WithSummary("A community's published disclosures, every version, newest first");
        publicApi.MapGet("/disclosures/{disclosureId:guid}", PublishedOne).WithName("GetPublishedDisclosure")
            .WithSummary("One published disclosure, exactly as published");
        return publicApi;
    }

    public static async Task<Results<Created<DisclosureResponse>, ProblemHttpResult>> Publish(
        Guid communityId, PublishDisclosureRequest request, FeesDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
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
            return Problems.Conflict("quarter_not_ended", FeesText.Messages, period.ToString());
        }

        var disclosure = await PublishedVersion.NextAsync<Disclosure>(db, communityId, period.ToString(), period.IsQuarter,
            async () => await DisclosureCompiler.CompileAsync(db, community, period, now, ct), Json, access.Actor, now, ct);
        db.AddIntegrationEvent(new DisclosurePublished(disclosure.Id, communityId, disclosure.Period, disclosure.Version, disclosure.ContentHash, now), now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{PublicPrefix}/disclosures/{disclosure.Id}", Describe(disclosure));
    }

    public static async Task<Ok<List<OverdueDisclosureResponse>>> Overdue(FeesDbContext db, IConfiguration configuration, BusinessCalendar calendar, CancellationToken ct)
    {
        var days = configuration.GetValue("Fees:QuarterlyDisclosureDays", 30);
        var quarter = DisclosurePeriod.LastDueQuarter(calendar.Today, days);
        var label = quarter.ToString();
        var overdue = await db.Set<RegistryCommunity>().AsNoTracking()
            .Where(c => !db.Disclosures.IgnoreQueryFilters().Any(d => d.CommunityId == c.Id && d.Period == label))
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.PropertyCompanyId }).ToListAsync(ct);
        return TypedResults.Ok(overdue.Select(c => new OverdueDisclosureResponse(c.Id, c.Name, c.PropertyCompanyId, label, quarter.DueBy(days))).ToList());
    }

    // Published disclosures are for everyone, past the access filters.
    public static async Task<Results<Ok<List<DisclosureSummaryResponse>>, ProblemHttpResult>> Published(Guid communityId, FeesDbContext db, CancellationToken ct) =>
        await db.Set<RegistryCommunity>().IgnoreQueryFilters().AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok(await db.Disclosures.IgnoreQueryFilters().AsNoTracking().Where(d => d.CommunityId == communityId)
                .OrderByDescending(d => d.PublishedAt)
                .Select(d => new DisclosureSummaryResponse(d.Id, d.CommunityId, d.Period, d.IsQuarterly, d.Version, d.ContentHash, d.PublishedAt)).ToListAsync(ct))
            : Problems.NotFound("community");

    public static async Task<Results<Ok<DisclosureResponse>, ProblemHttpResult>> PublishedOne(Guid disclosureId, FeesDbContext db, CancellationToken ct) =>
        await db.Disclosures.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Id == disclosureId, ct) is { } disclosure
            ? TypedResults.Ok(Describe(disclosure))
            : Problems.NotFound("disclosure");

    private static string PublicPrefix => Platform.BuildingBlocks.Hosting.PublicApi.PrefixOf(FeesApi.ServiceName);

    private static DisclosureResponse Describe(Disclosure d) =>
        new(d.Id, d.CommunityId, d.Period, d.IsQuarterly, d.Version, d.ContentHash, d.PublishedAt, d.Content);
}
