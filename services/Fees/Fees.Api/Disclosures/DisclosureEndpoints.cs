using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Disclosures;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Contracts.Events;
using Platform.Fees.Api.Infrastructure;

namespace Platform.Fees.Api.Disclosures;

/// <summary>A community with no quarterly disclosure for a quarter whose deadline has passed.</summary>
public sealed record OverdueDisclosureResponse(Guid CommunityId, string CommunityName, Guid? PropertyCompanyId, string Quarter, DateOnly DueBy);

/// <summary>
/// Disclosures (公示, seed item 13): published per community each quarter and on demand, as immutable versions
/// anyone reads under /public; Market Regulation lists communities overdue for their quarter.
/// </summary>
public static class DisclosureEndpoints
{
    public static readonly DisclosureSet<Disclosure, FeesDbContext, DisclosurePublished> Set = new()
    {
        Service = FeesApi.ServiceName, Path = "disclosures", Name = "Disclosure", Wording = ("disclosure", "disclosure"),
        WriteScope = Scopes.FeesWrite, Messages = FeesText.Messages,
        Compile = async (db, community, period, now, ct) => await DisclosureCompiler.CompileAsync(db, community, period, now, ct),
        Published = d => new DisclosurePublished(d.Id, d.CommunityId, d.Period, d.Version, d.ContentHash, d.PublishedAt),
    };

    public static RouteGroupBuilder MapDisclosureEndpoints(this RouteGroupBuilder api)
    {
        Set.MapPublish(api);
        api.MapGet("/disclosures/overdue", Overdue).WithName("ListOverdueDisclosures").WithTags("Disclosures")
            .WithSummary("Communities without a quarterly disclosure for the latest quarter whose deadline has passed (Market Regulation)")
            .RequireScope(Scopes.FeesRead).RequireCountyWide();
        return api;
    }

    public static RouteGroupBuilder MapPublicDisclosures(this RouteGroupBuilder publicApi) => Set.MapPublic(publicApi);

    public static async Task<Ok<Page<OverdueDisclosureResponse>>> Overdue(
        [AsParameters] PageQuery page, FeesDbContext db, IConfiguration configuration, BusinessCalendar calendar, CancellationToken ct)
    {
        var (quarter, dueBy) = Set.LastDueQuarter(configuration, calendar);
        var label = quarter.ToString();
        var disclosed = Set.Disclosed(db, label);
        return TypedResults.Ok(await db.Set<RegistryCommunity>().AsNoTracking()
            .Where(c => !disclosed.Contains(c.Id))
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .PageAsync(page, c => new OverdueDisclosureResponse(c.Id, c.Name, c.PropertyCompanyId, label, dueBy), ct));
    }
}
