using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.ElderCare.Api.Elders;
using Platform.ElderCare.Api.Infrastructure;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Api.Orders;

/// <summary>
/// Matches an order to a provider (派单): one that offers the service, covers the community, has room that day and
/// has not declined it, ranked by <see cref="ProviderRanking"/>. Matching for one service and day holds a transaction
/// lock on that pair, so two orders racing for a provider's last place cannot both get it — on any replica.
/// Must run inside the command's transaction; the order records the offer or the escalation, the caller queues its events.
/// </summary>
public sealed class ProviderMatcher(ElderCareDbContext db, ILogger<ProviderMatcher> logger)
{
    public async Task MatchAsync(CareOrder order, AbilityLevel level, DateTimeOffset now, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Matching holds a capacity lock to the end of a transaction; start one first.");
        }

        // Formatted invariantly: the request's culture must never split one day's lock in two.
        await db.Database.AcquireAsync(string.Create(CultureInfo.InvariantCulture, $"care-capacity:{order.Service}:{order.ServiceDay:yyyy-MM-dd}"), ct);
        var declined = order.DeclinedProviderIds;
        var candidates = await db.CareOfferings.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.Service == order.Service && o.CommunityIds.Contains(order.CommunityId) && !declined.Contains(o.ProviderId))
            .Join(db.CareProviders.IgnoreQueryFilters(), o => o.ProviderId, p => p.Id, (o, p) => new
            {
                Offering = o,
                p.RatingSum,
                p.RatingCount,
                Booked = db.CareOrders.IgnoreQueryFilters().Count(b => b.ProviderId == o.ProviderId && b.Service == o.Service && b.ServiceDay == order.ServiceDay
                                                                       && CareOrderStatuses.Booked.Contains(b.Status) && b.Id != order.Id),
            })
            .ToListAsync(ct);
        var ranked = ProviderRanking.Rank(candidates.Select(c =>
            new MatchCandidate(c.Offering.Id, c.Offering.ProviderId, c.Offering.DailyCapacity, c.Booked, c.RatingSum, c.RatingCount, c.Offering.PriceFen)));
        if (ranked.FirstOrDefault() is not { } chosen)
        {
            order.Unmatch(now);
            logger.LogInformation("Care order {OrderId} found no provider ({Candidates} candidates, {Declines} declines); escalated to the community",
                order.Id, candidates.Count, declined.Length);
            return;
        }

        var offering = candidates.First(c => c.Offering.Id == chosen.OfferingId).Offering;
        order.OfferTo(chosen.ProviderId, CareCharge.For(offering.PriceFen, offering.SubsidyByLevelFen, level), now);
    }

    public async Task MatchAsync(CareOrder order, DateTimeOffset now, CancellationToken ct)
    {
        var level = await db.ElderProfiles.IgnoreQueryFilters().Where(e => e.Id == order.ElderId).Select(e => e.AbilityLevel).FirstAsync(ct);
        await MatchAsync(order, level, now, ct);
    }
}
