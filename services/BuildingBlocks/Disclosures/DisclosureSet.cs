using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Kernel.Periods;

namespace Platform.BuildingBlocks.Disclosures;

/// <summary>Publish a disclosure for an ended quarter (<c>quarter</c>) or on demand for a run of months (<c>from</c>, <c>to</c>).</summary>
public sealed record PublishDisclosureRequest(string? Quarter, string? From, string? To) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (!DisclosurePeriod.TryRead(Quarter, From, To, out _, out var error))
        {
            errors.Add(error!.Value.Field, error.Value.Key, DisclosurePeriod.MaxMonths);
        }
    }

    public DisclosurePeriod ToPeriod() =>
        DisclosurePeriod.TryRead(Quarter, From, To, out var period, out _) ? period : throw new FormatException("Validated first.");
}

public sealed record DisclosureSummaryResponse(
    Guid Id, Guid CommunityId, string Period, bool IsQuarterly, int Version, string ContentHash, DateTimeOffset PublishedAt);

/// <summary>A published version: the content exactly as published (its SHA-256 is <c>ContentHash</c>).</summary>
public sealed record DisclosureResponse(
    Guid Id, Guid CommunityId, string Period, bool IsQuarterly, int Version, string ContentHash, DateTimeOffset PublishedAt, string Content)
{
    public static DisclosureResponse From(PublishedVersion d) =>
        new(d.Id, d.CommunityId, d.Period, d.IsQuarterly, d.Version, d.ContentHash, d.PublishedAt, d.Content);
}

/// <summary>
/// One service's disclosures (公示), the way every service publishes them: a write endpoint that compiles the content,
/// stores it as the next immutable <see cref="PublishedVersion"/> with its SHA-256 and announces it, and two public
/// reads past the access filters. The service names its content, routes, scope, text and event; the steps are shared.
/// </summary>
public sealed class DisclosureSet<TDisclosure, TDb, TEvent>
    where TDisclosure : PublishedVersion, new()
    where TDb : ServiceDbContext
    where TEvent : class
{
    /// <summary>How content is written: web casing, enums by name (the hash is of exactly this text).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The service, as in its routes and configuration section: <c>fees</c>, <c>funds</c>.</summary>
    public required string Service { get; init; }

    /// <summary>The path segment of the resource: <c>disclosures</c>, <c>fund-disclosures</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The endpoint names' noun: <c>Disclosure</c> gives PublishDisclosure, ListPublishedDisclosures, GetPublishedDisclosure.</summary>
    public required string Name { get; init; }

    /// <summary>What is published and what a version is called, for the summaries: "fund accounts", "fund disclosure".</summary>
    public required (string Content, string Noun) Wording { get; init; }

    public required string WriteScope { get; init; }

    public required Text Messages { get; init; }

    /// <summary>The content of a community's disclosure for a period, compiled at an instant.</summary>
    public required Func<TDb, RegistryCommunity, DisclosurePeriod, DateTimeOffset, CancellationToken, Task<object>> Compile { get; init; }

    /// <summary>The event that says a version was published.</summary>
    public required Func<TDisclosure, TEvent> Published { get; init; }

    public RouteGroupBuilder MapPublish(RouteGroupBuilder api)
    {
        api.MapPost($"/communities/{{communityId:guid}}/{Path}", (
                Guid communityId, PublishDisclosureRequest request, TDb db, CallerAccess access, BusinessCalendar calendar,
                CancellationToken ct) => PublishAsync(communityId, request, db, access, calendar, ct))
            .WithName($"Publish{Name}").WithTags("Disclosures")
            .WithSummary($"Publish a community's {Wording.Content} for an ended quarter, or on demand for a run of months; a new version each time")
            .RequireScope(WriteScope).AsAuditedCommand();
        return api;
    }

    public RouteGroupBuilder MapPublic(RouteGroupBuilder publicApi)
    {
        publicApi.MapGet($"/communities/{{communityId:guid}}/{Path}",
                (Guid communityId, [AsParameters] PageQuery page, TDb db, CancellationToken ct) => ListAsync(communityId, page, db, ct))
            .WithName($"ListPublished{Name}s").WithSummary($"A community's published {Wording.Noun}s, every version, newest first");
        publicApi.MapGet($"/{Path}/{{disclosureId:guid}}", (Guid disclosureId, TDb db, CancellationToken ct) => GetAsync(disclosureId, db, ct))
            .WithName($"GetPublished{Name}").WithSummary($"One published {Wording.Noun}, exactly as published");
        return publicApi;
    }

    /// <summary>The latest quarter whose deadline (<c>{Service}:QuarterlyDisclosureDays</c> after it ends, 30 by default) has passed.</summary>
    public (DisclosurePeriod Quarter, DateOnly DueBy) LastDueQuarter(IConfiguration configuration, BusinessCalendar calendar)
    {
        var days = configuration.GetValue($"{Service}:QuarterlyDisclosureDays", 30); // keys ignore case: fees = Fees
        var quarter = DisclosurePeriod.LastDueQuarter(calendar.Today, days);
        return (quarter, quarter.DueBy(days));
    }

    /// <summary>Whether any version of a community's disclosure for a period exists, in a query (past the access filters).</summary>
    public IQueryable<Guid> Disclosed(TDb db, string period) =>
        db.Set<TDisclosure>().IgnoreQueryFilters().Where(d => d.Period == period).Select(d => d.CommunityId);

    private async Task<Results<Created<DisclosureResponse>, ProblemHttpResult>> PublishAsync(
        Guid communityId, PublishDisclosureRequest request, TDb db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
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
            return Problems.Conflict("quarter_not_ended", Messages, period.ToString());
        }

        var disclosure = await PublishedVersion.NextAsync<TDisclosure>(db, communityId, period.ToString(), period.IsQuarter,
            () => Compile(db, community, period, now, ct), Json, access.Actor, now, ct);
        db.AddIntegrationEvent(Published(disclosure), now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{PublicApi.PrefixOf(Service)}/{Path}/{disclosure.Id}", DisclosureResponse.From(disclosure));
    }

    // Published disclosures are for everyone, past the access filters.
    private static async Task<Results<Ok<Page<DisclosureSummaryResponse>>, ProblemHttpResult>> ListAsync(
        Guid communityId, PageQuery page, TDb db, CancellationToken ct) =>
        await db.Set<RegistryCommunity>().IgnoreQueryFilters().AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok(await db.Set<TDisclosure>().IgnoreQueryFilters().AsNoTracking().Where(d => d.CommunityId == communityId)
                .OrderByDescending(d => d.PublishedAt).ThenByDescending(d => d.Id)
                .PageAsync(page, d => new DisclosureSummaryResponse(d.Id, d.CommunityId, d.Period, d.IsQuarterly, d.Version, d.ContentHash,
                    d.PublishedAt), ct))
            : Problems.NotFound("community");

    private static async Task<Results<Ok<DisclosureResponse>, ProblemHttpResult>> GetAsync(Guid disclosureId, TDb db, CancellationToken ct) =>
        await db.Set<TDisclosure>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Id == disclosureId, ct) is { } disclosure
            ? TypedResults.Ok(DisclosureResponse.From(disclosure))
            : Problems.NotFound("disclosure");
}
