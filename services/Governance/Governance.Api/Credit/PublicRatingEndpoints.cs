using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Time;
using Platform.Governance.Api.Infrastructure;

namespace Platform.Governance.Api.Credit;

/// <summary>The published credit ratings (信用评价结果公示): anonymous, read-only, public fields only.</summary>
public static class PublicRatingEndpoints
{
    public static void MapPublicRatingEndpoints(this RouteGroupBuilder publicApi)
    {
        publicApi.MapGet("/property-companies/ratings", List).WithName("ListPublishedRatings")
            .WithSummary("Every property company's credit score and grade today, and whether it is blacklisted");
        publicApi.MapGet("/property-companies/{companyId:guid}/rating", Get).WithName("GetPublishedRating")
            .WithSummary("One property company's published rating");
    }

    public static async Task<Ok<List<PublishedRatingResponse>>> List(GovernanceDbContext db, BusinessCalendar calendar, CancellationToken ct) =>
        TypedResults.Ok(await Publish(db, null, calendar.Today, ct));

    public static async Task<Results<Ok<PublishedRatingResponse>, ProblemHttpResult>> Get(Guid companyId, GovernanceDbContext db, BusinessCalendar calendar, CancellationToken ct) =>
        (await Publish(db, [companyId], calendar.Today, ct)).FirstOrDefault() is { } rating
            ? TypedResults.Ok(rating)
            : Problems.NotFound("property_company");

    /// <summary>Reads past the caller filters on purpose (an anonymous caller sees nothing else) and returns only public fields.</summary>
    private static async Task<List<PublishedRatingResponse>> Publish(GovernanceDbContext db, IReadOnlyCollection<Guid>? companyIds, DateOnly today, CancellationToken ct)
    {
        var ratings = await CreditRatings.OfCompaniesAsync(db, companyIds, today, ct);
        var companies = db.PropertyCompanies.IgnoreQueryFilters().AsNoTracking();
        var entries = db.BlacklistEntries.IgnoreQueryFilters().AsNoTracking().Where(e => e.ProjectManagerId == null && e.From <= today && today < e.Until);
        if (companyIds is not null)
        {
            companies = companies.Where(c => companyIds.Contains(c.Id));
            entries = entries.Where(e => companyIds.Contains(e.CompanyId));
        }

        var until = (await entries.GroupBy(e => e.CompanyId).Select(g => new { CompanyId = g.Key, Until = g.Max(e => e.Until) }).ToListAsync(ct))
            .ToDictionary(e => e.CompanyId, e => e.Until);
        return (await companies.OrderBy(c => c.Name).Select(c => new { c.Id, c.Name, c.UnifiedSocialCreditCode }).ToListAsync(ct))
            .Select(c =>
            {
                var rating = ratings[c.Id];
                return new PublishedRatingResponse(c.Id, c.Name, c.UnifiedSocialCreditCode, today, rating.Score, rating.Grade, rating.Blacklisted,
                    until.TryGetValue(c.Id, out var end) ? end : null);
            })
            .ToList();
    }
}
