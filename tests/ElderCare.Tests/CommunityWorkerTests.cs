using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.ElderCare.Api.Elders;
using Platform.ElderCare.Api.Orders;
using Platform.ElderCare.Api.Protection;
using Platform.ElderCare.Domain.Access;
using Platform.ElderCare.Domain.Care;
using Platform.TestKit;

namespace Platform.ElderCare.Tests;

/// <summary>
/// A township's community workers (社区工作人员), with exactly the scopes identity gives a township: the people and orders
/// of its communities without sensitive fields; ordering, rating, cancelling and following up escalated orders for them;
/// never the care record, never a provider's or Civil Affairs' action, nothing of another township.
/// </summary>
public sealed class CommunityWorkerTests(ElderCareHost eldercare) : IClassFixture<ElderCareHost>
{
    private const string Api = "/api/eldercare/v1";

    private HttpClient Worker(Guid township) => eldercare.As(TestTokens.WithDefaults(OrganisationTypes.Township, township));

    [Fact]
    public async Task A_community_worker_lists_the_people_and_orders_of_its_communities_and_no_sensitive_field()
    {
        var (community, township) = await eldercare.Community();
        var (elsewhere, _) = await eldercare.Community();
        var idNumber = ElderCareHost.NextIdNumber();
        var notes = $"冠心病 {Guid.NewGuid():N}";
        var mine = await eldercare.Elder(community, ElderCareHost.ElderBody(idNumber, healthNotes: notes, careNeeds: "协助服药",
            abilityLevel: "SeverelyImpaired", phone: "13911112222"));
        var theirs = await eldercare.Elder(elsewhere);
        var myOrder = await eldercare.Order(mine.Id);
        var theirOrder = await eldercare.Order(theirs.Id);
        using var worker = Worker(township);

        var people = (await worker.GetFromJsonAsync<Page<ElderResponse>>($"{Api}/elders", ElderCareHost.Json))!.Items;
        var orders = (await worker.GetFromJsonAsync<Page<CareOrderResponse>>($"{Api}/orders", ElderCareHost.Json))!.Items;

        Assert.Equal([mine.Id], people!.Select(e => e.Id));
        Assert.Equal([myOrder.Id], orders!.Select(o => o.Id));
        Assert.DoesNotContain(theirOrder.Id, orders!.Select(o => o.Id));
        var answers = new List<string>();
        foreach (var path in new[] { "/elders", $"/elders/{mine.Id}", $"/elders/{mine.Id}/orders", "/orders", $"/orders/{myOrder.Id}" })
        {
            var response = await worker.GetAsync(Api + path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            answers.Add(Readable(await response.Content.ReadAsStringAsync()));
        }

        foreach (var text in answers)
        {
            Assert.DoesNotContain(idNumber, text);
            Assert.DoesNotContain(notes, text);
            Assert.DoesNotContain("协助服药", text);
            Assert.DoesNotContain("13911112222", text);
            Assert.DoesNotContain("儿子", text);
            Assert.DoesNotContain("SeverelyImpaired", text);
            Assert.DoesNotContain("abilityLevel", text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains(mine.MaskedIdNumber, answers[1]);
    }

    [Fact]
    public async Task A_community_worker_orders_rates_and_cancels_for_the_people_of_its_communities()
    {
        var (community, township) = await eldercare.Community();
        var organisation = Guid.NewGuid();
        await eldercare.Provider(organisation, [community]);
        var elder = await eldercare.Elder(community);
        using var worker = Worker(township);
        using var provider = eldercare.AsProvider(organisation);

        var visit = await eldercare.Order(elder.Id, slotStart: eldercare.Host.Clock.GetUtcNow().AddHours(3), by: worker);
        var later = await eldercare.Order(elder.Id, service: "Meal", slotStart: eldercare.Host.Clock.GetUtcNow().AddDays(5), by: worker);
        foreach (var step in new[] { "acceptance", "visit-start", "visit-end" })
        {
            Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync($"{Api}/orders/{visit.Id}/{step}", null)).StatusCode);
        }

        var rated = await worker.PostAsJsonAsync($"{Api}/orders/{visit.Id}/rating", new { stars = 4, comment = "准时" });
        var cancelled = await worker.PostAsync($"{Api}/orders/{later.Id}/cancellation", null);

        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Equal(4, (await rated.Content.ReadFromJsonAsync<CareOrderResponse>(ElderCareHost.Json))!.Stars);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(CareOrderStatus.Cancelled, (await eldercare.OrderAsSeenByCivilAffairs(later.Id)).Status);
        Assert.Equal(2, await Sql.CountAsync(eldercare.Db, "audit_entries",
            $"action IN ('RateCareOrder', 'CancelCareOrder') AND status_code = 200 "
            + $"AND (target LIKE '%{visit.Id}%' OR target LIKE '%{later.Id}%')"));
    }

    [Fact]
    public async Task A_community_worker_never_reads_the_care_record_and_each_attempt_is_logged_as_role_restricted()
    {
        var (community, township) = await eldercare.Community();
        var (elsewhere, _) = await eldercare.Community();
        var mine = await eldercare.Elder(community);
        var theirs = await eldercare.Elder(elsewhere);
        var nobody = Guid.NewGuid();
        using var worker = Worker(township);

        foreach (var elder in new[] { mine.Id, theirs.Id, nobody })
        {
            var refused = await worker.GetAsync($"{Api}/elders/{elder}/care-record");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("https://platform.county.gov.cn/problems/care_record_restricted", (await ProblemResponse.ReadAsync(refused)).Type);
        }

        foreach (var elder in new[] { mine.Id, theirs.Id, nobody })
        {
            var entry = Assert.Single((await eldercare.CivilAffairs.GetFromJsonAsync<Page<AccessLogEntryResponse>>(
                $"{Api}/access-log?outcome=refused&elderId={elder}", ElderCareHost.Json))!.Items);
            Assert.Equal((AccessOutcome.Refused, AccessRefusals.RoleRestricted, OrganisationTypes.Township, (Guid?)township),
                (entry.Outcome, entry.RefusalReason, entry.OrganisationType, entry.OrganisationId));
            Assert.Equal("GetCareRecord", entry.Endpoint);
            Assert.Empty(entry.Fields);
        }
    }

    [Fact]
    public async Task A_community_worker_does_nothing_a_provider_or_civil_affairs_alone_does()
    {
        var (community, township) = await eldercare.Community();
        var organisation = Guid.NewGuid();
        var provider = await eldercare.Provider(organisation, [community]);
        var elder = await eldercare.Elder(community);
        var order = await eldercare.Order(elder.Id);
        using var worker = Worker(township);
        var period = $"{eldercare.Host.Clock.GetUtcNow():yyyy-MM}";

        var forbidden = new List<(string Method, string Path, object? Body)>
        {
            ("POST", $"/orders/{order.Id}/acceptance", null),
            ("POST", $"/orders/{order.Id}/decline", new { reason = "人手不足" }),
            ("POST", $"/orders/{order.Id}/visit-start", null),
            ("POST", $"/orders/{order.Id}/visit-end", null),
            ("POST", $"/communities/{community}/elders", ElderCareHost.ElderBody(ElderCareHost.NextIdNumber())),
            ("PUT", $"/elders/{elder.Id}/guardian", new { guardianOwnerId = Guid.NewGuid() }),
            ("PUT", $"/elders/{elder.Id}/care-record", new
            {
                abilityLevel = "Able", assessedOn = "2026-01-05", assessor = "评估中心",
                emergencyContacts = new[] { new { name = "李明", relation = "儿子", phone = "13900001111" } },
            }),
            ("POST", "/providers", new
            {
                organisationId = Guid.NewGuid(), organisationType = "care-provider", name = "服务商", offerings = Array.Empty<object>(),
            }),
            ("PUT", $"/providers/{provider.Id}/offerings", new { offerings = Array.Empty<object>() }),
            ("GET", "/dashboards/ability-levels", null),
            ("GET", "/dashboards/unmet-orders", null),
            ("GET", "/dashboards/provider-performance", null),
            ("GET", "/access-log", null),
            ("GET", "/access-log/verification", null),
            ("GET", "/encryption-keys", null),
            ("POST", "/encryption-keys/rotation", new { batch = 1 }),
        };
        var failures = new List<string>();
        foreach (var (method, path, body) in forbidden)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Api + path);
            request.Content = body is null ? null : JsonContent.Create(body);
            var response = await worker.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                failures.Add($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.Empty(failures);
        // The money between the county and a provider is Civil Affairs' and the provider's.
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"{Api}/providers/{provider.Id}/statements/{period}")).StatusCode);
        var untouched = await eldercare.OrderAsSeenByCivilAffairs(order.Id);
        Assert.Equal((CareOrderStatus.Offered, 0), (untouched.Status, untouched.Declines));
    }

    [Fact]
    public async Task Another_townships_people_and_orders_are_404_to_a_community_worker()
    {
        var (community, _) = await eldercare.Community();
        await eldercare.Provider(Guid.NewGuid(), [community]);
        var elder = await eldercare.Elder(community);
        var order = await eldercare.Order(elder.Id);
        var (_, otherTownship) = await eldercare.Community();
        using var stranger = Worker(otherTownship);
        var slot = eldercare.Host.Clock.GetUtcNow().AddDays(2);

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["profile"] = await stranger.GetAsync($"{Api}/elders/{elder.Id}"),
            ["person's orders"] = await stranger.GetAsync($"{Api}/elders/{elder.Id}/orders"),
            ["order"] = await stranger.GetAsync($"{Api}/orders/{order.Id}"),
            ["follow-ups"] = await stranger.GetAsync($"{Api}/orders/{order.Id}/follow-ups"),
            ["place"] = await stranger.PostAsJsonAsync($"{Api}/elders/{elder.Id}/orders",
                new { service = "Cleaning", slotStart = slot, slotEnd = slot.AddHours(1) }),
            ["rate"] = await stranger.PostAsJsonAsync($"{Api}/orders/{order.Id}/rating", new { stars = 1 }),
            ["cancel"] = await stranger.PostAsync($"{Api}/orders/{order.Id}/cancellation", null),
            ["follow up"] = await stranger.PostAsJsonAsync($"{Api}/orders/{order.Id}/follow-ups", new { note = "已电话联系家属" }),
        };

        Assert.All(answers, answer =>
            Assert.True(answer.Value.StatusCode == HttpStatusCode.NotFound, $"{answer.Key}: {(int)answer.Value.StatusCode}"));
        Assert.Equal(0, (await stranger.GetFromJsonAsync<Page<ElderResponse>>($"{Api}/elders?communityId={community}", ElderCareHost.Json))!.Total);
        Assert.Equal(0, (await stranger.GetFromJsonAsync<Page<CareOrderResponse>>($"{Api}/orders?communityId={community}", ElderCareHost.Json))!.Total);
        Assert.Equal(CareOrderStatus.Offered, (await eldercare.OrderAsSeenByCivilAffairs(order.Id)).Status);
        Assert.Equal(1, await Sql.CountAsync(eldercare.Db, "care_orders", $"elder_id = '{elder.Id}'"));
    }

    [Fact]
    public async Task A_community_worker_follows_up_an_escalated_order_of_its_communities_on_record()
    {
        var (community, township) = await eldercare.Community();
        var organisation = Guid.NewGuid();
        await eldercare.Provider(organisation, [community], service: "Bathing");
        var guardian = Guid.NewGuid();
        var elder = await eldercare.Elder(community, ElderCareHost.ElderBody(ElderCareHost.NextIdNumber(), guardian: guardian));
        // No provider offers meals here: the order goes to the community at once.
        var escalated = await eldercare.Order(elder.Id, service: "Meal");
        var matched = await eldercare.Order(elder.Id, service: "Bathing");
        Assert.Equal(EscalationReasons.NoProvider, escalated.EscalationReason);
        using var worker = Worker(township);
        using var provider = eldercare.AsProvider(organisation);
        using var asGuardian = eldercare.As(TestTokens.ForOwner(guardian));

        var waitingList = $"{Api}/orders?escalated=true&followedUp=false";
        var waiting = (await worker.GetFromJsonAsync<Page<CareOrderResponse>>(waitingList, ElderCareHost.Json))!.Items;
        var recorded = await worker.PostAsJsonAsync($"{Api}/orders/{escalated.Id}/follow-ups", new { note = "已联系社区食堂，由志愿者送餐" });
        var notEscalated = await worker.PostAsJsonAsync($"{Api}/orders/{matched.Id}/follow-ups", new { note = "无需跟进" });
        var byProvider = await provider.PostAsJsonAsync($"{Api}/orders/{matched.Id}/follow-ups", new { note = "服务商不能跟进" });
        var byGuardian = await asGuardian.PostAsJsonAsync($"{Api}/orders/{escalated.Id}/follow-ups", new { note = "监护人不能跟进" });
        var empty = await worker.PostAsJsonAsync($"{Api}/orders/{escalated.Id}/follow-ups", new { note = " " });

        Assert.Equal([escalated.Id], waiting!.Select(o => o.Id));
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var followUp = await recorded.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(escalated.Id, followUp.GetProperty("orderId").GetGuid());
        Assert.Equal("已联系社区食堂，由志愿者送餐", followUp.GetProperty("note").GetString());
        Assert.Equal(HttpStatusCode.Conflict, notEscalated.StatusCode);
        Assert.Equal("https://platform.county.gov.cn/problems/order_not_escalated", (await ProblemResponse.ReadAsync(notEscalated)).Type);
        Assert.Equal(HttpStatusCode.Forbidden, byProvider.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byGuardian.StatusCode);
        Assert.Equal("https://platform.county.gov.cn/problems/order_follower", (await ProblemResponse.ReadAsync(byGuardian)).Type);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("note", (await ProblemResponse.ReadAsync(empty)).Errors!.Keys);

        // Followed up: off the waiting list, the time on the order, the note listed for whoever sees the order, the act audited.
        Assert.Empty((await worker.GetFromJsonAsync<Page<CareOrderResponse>>(waitingList, ElderCareHost.Json))!.Items);
        var order = await eldercare.CivilAffairs.GetFromJsonAsync<JsonElement>($"{Api}/orders/{escalated.Id}");
        var listed = (await asGuardian.GetFromJsonAsync<JsonElement>($"{Api}/orders/{escalated.Id}/follow-ups")).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal([followUp.GetProperty("id").GetGuid()], listed!.Select(f => f.GetProperty("id").GetGuid()));
        Assert.Equal(listed![0].GetProperty("recordedAt").GetDateTimeOffset(), order.GetProperty("lastFollowedUpAt").GetDateTimeOffset());
        Assert.Equal(1, await Sql.CountAsync(eldercare.Db, "audit_entries",
            $"action = 'RecordCareOrderFollowUp' AND target LIKE '%{escalated.Id}%' AND status_code = 201"));
        Assert.Equal(1, await Sql.CountAsync(eldercare.Db, "care_order_follow_ups", $"order_id = '{escalated.Id}'"));
    }

    /// <summary>The JSON on the wire escapes Chinese characters: read it back as text so a search for them means something.</summary>
    private static string Readable(string json) =>
        JsonSerializer.Serialize(JsonSerializer.Deserialize<JsonElement>(json),
            new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
