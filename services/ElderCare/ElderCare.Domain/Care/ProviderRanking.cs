namespace Platform.ElderCare.Domain.Care;

/// <summary>An offering that could take an order: it offers the service, covers the community and was not declined for this order.</summary>
public sealed record MatchCandidate(Guid OfferingId, Guid ProviderId, int DailyCapacity, int BookedThatDay, long RatingSum, int RatingCount, long PriceFen)
{
    public int Remaining => Math.Max(0, DailyCapacity - BookedThatDay);
}

/// <summary>
/// How the platform picks a provider (派单): among candidates with room left that day, the best rated first — a rating
/// smoothed towards <see cref="PriorStars"/> by <see cref="PriorWeight"/> virtual ratings, so one 5-star visit does not
/// outrank a hundred 4.8s and a new provider still gets work — then the most room left, the lower price, and the id
/// (so equal candidates are always taken in the same order).
/// </summary>
public static class ProviderRanking
{
    public const decimal PriorStars = 4m;
    public const int PriorWeight = 2;

    public static decimal SmoothedRating(long ratingSum, int ratingCount) =>
        (ratingSum + (PriorStars * PriorWeight)) / (ratingCount + PriorWeight);

    public static IReadOnlyList<MatchCandidate> Rank(IEnumerable<MatchCandidate> candidates) =>
        candidates.Where(c => c.Remaining > 0)
            .OrderByDescending(c => SmoothedRating(c.RatingSum, c.RatingCount))
            .ThenByDescending(c => c.Remaining)
            .ThenBy(c => c.PriceFen)
            .ThenBy(c => c.ProviderId)
            .ToList();
}
