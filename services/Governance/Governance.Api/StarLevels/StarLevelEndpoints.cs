using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.StarLevels;

public sealed record RateStarLevelRequest(int? StarLevel, DateOnly? EffectiveFrom, string? Reason) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) =>
        errors.InRange("starLevel", StarLevel, Community.MinStarLevel, Community.MaxStarLevel)
            .InRange("effectiveFrom", EffectiveFrom, new DateOnly(2000, 1, 1), errors.Calendar.Today)
            .Required("reason", Reason, 500);
}

public sealed record StarRatingResponse(Guid CommunityId, int StarLevel, int? PreviousStarLevel, DateOnly EffectiveFrom, string Reason, DateTimeOffset RatedAt)
{
    public static StarRatingResponse From(StarRating r) => new(r.CommunityId, r.StarLevel, r.PreviousStarLevel, r.EffectiveFrom, r.Reason, r.RatedAt);
}

/// <summary>Service star levels (seed items 6 and 7): rated by the housing bureau, kept with their history, published.</summary>
public static class StarLevelEndpoints
{
    public static RouteGroupBuilder MapStarLevelEndpoints(this RouteGroupBuilder api)
    {
        var ratings = api.MapGroup("/communities/{communityId:guid}/star-levels").WithTags("Star levels");
        ratings.MapPost("/", Rate).WithName("RateStarLevel")
            .WithSummary("Rate a community's property service (1–5 stars); only the housing bureau does this")
            .RequireScope(Scopes.GovernanceWrite).RequireOrganisation(OrganisationTypes.Housing).AsAuditedCommand();
        ratings.MapGet("/", History).WithName("ListStarLevels").WithSummary("A community's star ratings, newest first").RequireScope(Scopes.GovernanceRead);
        return api;
    }

    public static RouteGroupBuilder MapPublicStarLevels(this RouteGroupBuilder publicApi)
    {
        publicApi.MapGet("/communities/{communityId:guid}/star-levels", PublicHistory).WithName("ListPublishedStarLevels")
            .WithSummary("A community's star ratings, as published");
        return publicApi;
    }

    public static async Task<Results<Created<StarRatingResponse>, ProblemHttpResult>> Rate(
        Guid communityId, RateStarLevelRequest request, GovernanceDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        var community = await db.Communities.FirstOrDefaultAsync(c => c.Id == communityId, ct);
        if (community is null)
        {
            return Problems.NotFound("community");
        }

        var now = time.GetUtcNow();
        var previous = community.Rate(request.StarLevel!.Value);
        var rating = new StarRating
        {
            Id = Guid.CreateVersion7(now), CommunityId = communityId, StarLevel = community.StarLevel, PreviousStarLevel = previous,
            EffectiveFrom = request.EffectiveFrom!.Value, Reason = request.Reason!.Trim(), RatedBy = access.Actor, RatedAt = now,
        };
        db.StarRatings.Add(rating);
        db.AddIntegrationEvent(new CommunityStarLevelRated(communityId, community.StarLevel, previous, rating.EffectiveFrom, now), now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/communities/{communityId}/star-levels", StarRatingResponse.From(rating));
    }

    public static async Task<Results<Ok<List<StarRatingResponse>>, ProblemHttpResult>> History(Guid communityId, GovernanceDbContext db, CancellationToken ct) =>
        await db.Communities.AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok(await Ratings(db, communityId, ct))
            : Problems.NotFound("community");

    // Star levels are published (质价相符 needs owners to see what they pay for).
    public static async Task<Results<Ok<List<StarRatingResponse>>, ProblemHttpResult>> PublicHistory(Guid communityId, GovernanceDbContext db, CancellationToken ct) =>
        await db.Communities.IgnoreQueryFilters().AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok(await Ratings(db, communityId, ct))
            : Problems.NotFound("community");

    private static async Task<List<StarRatingResponse>> Ratings(GovernanceDbContext db, Guid communityId, CancellationToken ct) =>
        (await db.StarRatings.IgnoreQueryFilters().AsNoTracking().Where(r => r.CommunityId == communityId)
            .OrderByDescending(r => r.RatedAt).ToListAsync(ct)).Select(StarRatingResponse.From).ToList();
}
