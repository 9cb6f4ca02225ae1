using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Time;
using Platform.ElderCare.Api.Orders;
using Platform.ElderCare.Api.Providers;
using Platform.ElderCare.Api.Statements;
using Platform.ElderCare.Domain.Care;
using Platform.TestKit;

namespace Platform.ElderCare.Tests;

/// <summary>Matching orders to providers by service, coverage, remaining capacity and rating; declines, visits, ratings, statements, escalation.</summary>
public sealed class MatchingTests(ElderCareHost eldercare) : IClassFixture<ElderCareHost>
{
    [Fact]
    public async Task One_person_has_one_open_order_per_service_and_day_even_when_orders_arrive_at_once()
    {
        var (community, _) = await eldercare.Community();
        await eldercare.Provider(Guid.NewGuid(), [community], capacity: 10);
        var elder = (await eldercare.Elder(community)).Id;
        var slot = eldercare.Host.Clock.GetUtcNow().AddDays(3);
        Task<HttpResponseMessage> Send(DateTimeOffset start, string service = "Meal") =>
            eldercare.CivilAffairs.PostAsJsonAsync($"/api/eldercare/v1/elders/{elder}/orders", new { service, slotStart = start, slotEnd = start.AddHours(1) });

        var atOnce = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Send(slot.AddMinutes(i))));
        var otherService = await Send(slot, "Cleaning");

        Assert.Single(atOnce, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in atOnce.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.EndsWith("/order_exists", (await ProblemResponse.ReadAsync(refused)).Type);
        }

        Assert.Equal(HttpStatusCode.Created, otherService.StatusCode);
        Assert.Equal(1, await Sql.CountAsync(eldercare.Db, "care_orders", $"elder_id = '{elder}' AND service = 'Meal'"));
        Assert.Equal(1, await Sql.CountAsync(eldercare.Db, "outbox_messages", $"type LIKE '%CareOrderPlaced' AND payload::text LIKE '%{elder}%' AND payload::text LIKE '%Meal%'"));
    }

    [Fact]
    public async Task Capacity_is_never_exceeded_under_concurrent_orders()
    {
        var (community, _) = await eldercare.Community();
        var first = await eldercare.Provider(Guid.NewGuid(), [community], capacity: 3);
        var second = await eldercare.Provider(Guid.NewGuid(), [community], capacity: 2);
        var elders = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            elders.Add((await eldercare.Elder(community)).Id);
        }

        var slot = eldercare.Host.Clock.GetUtcNow().AddDays(2);
        var placed = await Task.WhenAll(elders.Select(elder => eldercare.Order(elder, slotStart: slot)));

        Assert.Equal(5, placed.Count(o => o.Status == CareOrderStatus.Offered));
        Assert.Equal(7, placed.Count(o => o.Status == CareOrderStatus.Unmatched));
        Assert.Equal(3, placed.Count(o => o.ProviderId == first.Id));
        Assert.Equal(2, placed.Count(o => o.ProviderId == second.Id));
        Assert.Equal(3, await Sql.CountAsync(eldercare.Db, "care_orders", $"provider_id = '{first.Id}' AND status = 'Offered'"));
        Assert.Equal(2, await Sql.CountAsync(eldercare.Db, "care_orders", $"provider_id = '{second.Id}' AND status = 'Offered'"));
        Assert.All(placed.Where(o => o.Status == CareOrderStatus.Unmatched), o => Assert.Equal(EscalationReasons.NoProvider, o.EscalationReason));

        // Another day has its own capacity; a cancelled order gives its place back.
        Assert.Equal(CareOrderStatus.Offered, (await eldercare.Order(elders[0], slotStart: slot.AddDays(1))).Status);
        var taken = placed.First(o => o.ProviderId == first.Id);
        Assert.Equal(HttpStatusCode.OK, (await eldercare.CivilAffairs.PostAsync($"/api/eldercare/v1/orders/{taken.Id}/cancellation", null)).StatusCode);
        var newcomer = (await eldercare.Elder(community)).Id;
        Assert.Equal(first.Id, (await eldercare.Order(newcomer, slotStart: slot.AddHours(3))).ProviderId);
    }

    [Fact]
    public async Task A_decline_moves_the_order_to_the_next_provider_and_after_the_last_to_the_community()
    {
        var (community, _) = await eldercare.Community();
        var firstOrganisation = Guid.NewGuid();
        var secondOrganisation = Guid.NewGuid();
        // Equal ratings: the one with more room left is offered first.
        var first = await eldercare.Provider(firstOrganisation, [community], capacity: 20, priceFen: 3_000);
        var second = await eldercare.Provider(secondOrganisation, [community], capacity: 10, priceFen: 2_500, subsidies: [0, 0, 1_500, 0, 0]);
        var elder = await eldercare.Elder(community);
        var order = await eldercare.Order(elder.Id);
        Assert.Equal((first.Id, 3_000L, 1_000L, 2_000L), (order.ProviderId!.Value, order.PriceFen, order.SubsidyFen, order.ResidentShareFen));
        using var firstProvider = eldercare.AsProvider(firstOrganisation);
        using var secondProvider = eldercare.AsProvider(secondOrganisation);

        // The second provider cannot answer for the first.
        Assert.Equal(HttpStatusCode.NotFound, (await secondProvider.PostAsJsonAsync($"/api/eldercare/v1/orders/{order.Id}/decline", new { reason = "人手不足" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await firstProvider.PostAsJsonAsync($"/api/eldercare/v1/orders/{order.Id}/decline", new { reason = "人手不足" })).StatusCode);

        var moved = await eldercare.OrderAsSeenByCivilAffairs(order.Id);
        Assert.Equal((CareOrderStatus.Offered, second.Id, 1), (moved.Status, moved.ProviderId!.Value, moved.Declines));
        // The charge follows the new provider's offering for the person's level (moderately impaired).
        Assert.Equal((2_500L, 1_500L, 1_000L), (moved.PriceFen, moved.SubsidyFen, moved.ResidentShareFen));
        Assert.Equal(HttpStatusCode.NotFound, (await firstProvider.GetAsync($"/api/eldercare/v1/orders/{order.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await firstProvider.GetAsync($"/api/eldercare/v1/elders/{elder.Id}/care-record")).StatusCode);
        // Offered to the second provider, not yet taken on: the profile, not the care record.
        Assert.Equal(HttpStatusCode.Forbidden, (await secondProvider.GetAsync($"/api/eldercare/v1/elders/{elder.Id}/care-record")).StatusCode);
        Assert.Equal(1, await Sql.CountAsync(eldercare.Db, "outbox_messages", $"type LIKE '%CareOrderMatched%' AND payload::text LIKE '%{second.Id}%'"));

        Assert.Equal(HttpStatusCode.NoContent, (await secondProvider.PostAsJsonAsync($"/api/eldercare/v1/orders/{order.Id}/decline", new { reason = "时段已满" })).StatusCode);
        var unmatched = await eldercare.OrderAsSeenByCivilAffairs(order.Id);
        Assert.Equal((CareOrderStatus.Unmatched, (Guid?)null, 2, EscalationReasons.NoProvider), (unmatched.Status, unmatched.ProviderId, unmatched.Declines, unmatched.EscalationReason));
        Assert.Equal(1, await Sql.CountAsync(eldercare.Db, "outbox_messages", $"type LIKE '%CareOrderEscalated%' AND payload::text LIKE '%{order.Id}%'"));
    }

    [Fact]
    public async Task A_visit_runs_from_acceptance_to_rating_and_the_monthly_statement_sums_subsidies_and_shares()
    {
        var (community, _) = await eldercare.Community();
        var organisation = Guid.NewGuid();
        var provider = await eldercare.Provider(organisation, [community], priceFen: 4_000, subsidies: [0, 1_000, 2_000, 3_000, 4_000]);
        using var asProvider = eldercare.AsProvider(organisation);
        var severe = await eldercare.Elder(community, ElderCareHost.ElderBody(ElderCareHost.NextIdNumber(), abilityLevel: "CompletelyImpaired"));
        var able = await eldercare.Elder(community, ElderCareHost.ElderBody(ElderCareHost.NextIdNumber(), abilityLevel: "Able"));
        var slot = eldercare.Host.Clock.GetUtcNow().AddHours(5);
        var orders = new[] { await eldercare.Order(severe.Id, slotStart: slot), await eldercare.Order(able.Id, slotStart: slot) };
        // Fully subsidised for the completely impaired; the able pay the whole price.
        Assert.Equal((4_000L, 0L), (orders[0].SubsidyFen, orders[0].ResidentShareFen));
        Assert.Equal((0L, 4_000L), (orders[1].SubsidyFen, orders[1].ResidentShareFen));

        Assert.Equal(HttpStatusCode.Conflict, (await asProvider.PostAsync($"/api/eldercare/v1/orders/{orders[0].Id}/visit-start", null)).StatusCode);
        foreach (var order in orders)
        {
            foreach (var step in new[] { "acceptance", "visit-start", "visit-end" })
            {
                var response = await asProvider.PostAsync($"/api/eldercare/v1/orders/{order.Id}/{step}", null);
                Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            }
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await asProvider.PostAsJsonAsync($"/api/eldercare/v1/orders/{orders[0].Id}/rating", new { stars = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await eldercare.CivilAffairs.PostAsJsonAsync($"/api/eldercare/v1/orders/{orders[0].Id}/rating", new { stars = 5, comment = "很及时" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await eldercare.CivilAffairs.PostAsJsonAsync($"/api/eldercare/v1/orders/{orders[1].Id}/rating", new { stars = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await eldercare.CivilAffairs.PostAsJsonAsync($"/api/eldercare/v1/orders/{orders[1].Id}/rating", new { stars = 1 })).StatusCode);
        var rated = await eldercare.CivilAffairs.GetFromJsonAsync<ProviderResponse>($"/api/eldercare/v1/providers/{provider.Id}", ElderCareHost.Json);
        Assert.Equal((4.5m, 2), (rated!.AverageStars!.Value, rated.RatingCount));
        Assert.Equal(2, await Sql.CountAsync(eldercare.Db, "outbox_messages", $"type LIKE '%CareVisitCompleted%' AND payload::text LIKE '%{provider.Id}%'"));

        var period = $"{eldercare.Host.Services.GetRequiredService<BusinessCalendar>().DateOf(slot):yyyy-MM}";
        var statement = await asProvider.GetFromJsonAsync<ProviderStatement>($"/api/eldercare/v1/providers/{provider.Id}/statements/{period}", ElderCareHost.Json);
        Assert.Equal((2, 8_000L, 4_000L, 4_000L), (statement!.Visits, statement.PriceFen, statement.SubsidyFen, statement.ResidentShareFen));
        Assert.Equal(statement.SubsidyFen, statement.Lines.Sum(l => l.SubsidyFen));
        Assert.Equal(HttpStatusCode.NotFound, (await eldercare.AsProvider(Guid.NewGuid()).GetAsync($"/api/eldercare/v1/providers/{provider.Id}/statements/{period}")).StatusCode);
    }

    [Fact]
    public async Task An_offer_not_accepted_in_time_is_escalated_to_the_community_once()
    {
        var (community, _) = await eldercare.Community();
        await eldercare.Provider(Guid.NewGuid(), [community]);
        var elder = await eldercare.Elder(community);
        var order = await eldercare.Order(elder.Id, slotStart: eldercare.Host.Clock.GetUtcNow().AddDays(3));
        Assert.Null(order.EscalatedAt);

        eldercare.Host.Clock.Advance(TimeSpan.FromHours(2.5));
        try
        {
            // Read with SQL: tokens are issued on real time, and the host now lives hours ahead.
            await Eventually.Until(async () => await Sql.CountAsync(eldercare.Db, "care_orders", $"id = '{order.Id}' AND escalation_reason = 'NotAccepted'") == 1,
                TimeSpan.FromSeconds(20), "the order escalated by the job");
            await Task.Delay(600);
        }
        finally
        {
            eldercare.Host.Clock.Reset();
        }

        Assert.Equal(1, await Sql.CountAsync(eldercare.Db, "outbox_messages", $"type LIKE '%CareOrderEscalated%' AND payload::text LIKE '%{order.Id}%'"));
        Assert.Equal(CareOrderStatus.Offered, (await eldercare.OrderAsSeenByCivilAffairs(order.Id)).Status);
        var unmet = await eldercare.CivilAffairs.GetStringAsync("/api/eldercare/v1/dashboards/unmet-orders");
        Assert.Contains(community.ToString(), unmet);
    }

    [Fact]
    public async Task Dashboards_give_Civil_Affairs_counts_by_ability_level_and_provider_without_any_person()
    {
        var (community, _) = await eldercare.Community();
        await eldercare.Provider(Guid.NewGuid(), [community]);
        var elders = new[]
        {
            await eldercare.Elder(community, ElderCareHost.ElderBody(ElderCareHost.NextIdNumber(), abilityLevel: "Able")),
            await eldercare.Elder(community, ElderCareHost.ElderBody(ElderCareHost.NextIdNumber(), abilityLevel: "SeverelyImpaired")),
            await eldercare.Elder(community, ElderCareHost.ElderBody(ElderCareHost.NextIdNumber(), abilityLevel: "SeverelyImpaired")),
        };
        await eldercare.Order(elders[1].Id);

        var levels = await eldercare.CivilAffairs.GetStringAsync("/api/eldercare/v1/dashboards/ability-levels");
        var performance = await eldercare.CivilAffairs.GetStringAsync("/api/eldercare/v1/dashboards/provider-performance");
        var row = System.Text.Json.JsonSerializer.Deserialize<List<Api.Dashboards.AbilityLevelRow>>(levels, ElderCareHost.Json)!.Single(r => r.CommunityId == community);

        Assert.Equal((1, 0, 0, 2, 0, 3), (row.Able, row.MildlyImpaired, row.ModeratelyImpaired, row.SeverelyImpaired, row.CompletelyImpaired, row.Total));
        Assert.Contains("\"offered\":1", performance);
        Assert.All(elders, elder => Assert.DoesNotContain(elder.Id.ToString(), levels + performance));
        // Read back as text: the JSON on the wire escapes Chinese characters, so a search of the raw body would always pass.
        var text = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonSerializer.Deserialize<object[]>(levels)!
            .Concat(System.Text.Json.JsonSerializer.Deserialize<object[]>(performance)!), new System.Text.Json.JsonSerializerOptions
            {
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            });
        Assert.Contains("\"communityId\"", text);
        Assert.DoesNotContain("张桂英", text);
    }
}
