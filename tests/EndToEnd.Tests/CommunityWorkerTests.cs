using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.BuildingBlocks.Security;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A township's community workers in elder care, through the gateway, with exactly the scopes identity gives a township
/// (<c>docs/eldercare.md</c>, "Who sees what"): the people and orders of its communities, ordering and following up for
/// them; never the care record, a provider's action or another township's people.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CommunityWorkerTests(PlatformFixture platform)
{
    private const string Api = "/api/eldercare/v1";

    [Fact]
    public async Task A_community_worker_orders_and_follows_up_for_its_own_people_and_nothing_more()
    {
        using var civilAffairs = platform.Gateway.CreateHttpClient().WithToken(TestTokens.WithDefaults(OrganisationTypes.CivilAffairs));
        var community = await platform.Registry.Community();
        var elsewhere = await platform.Registry.Community();
        var idNumber = Governance.Tests.TestIdentities.ResidentId(6_600_000 + Governance.Tests.RegistryClient.Next() % 100_000);
        var elder = await Registered(civilAffairs, community.Id, idNumber);
        var theirs = await Registered(civilAffairs, elsewhere.Id,
            Governance.Tests.TestIdentities.ResidentId(6_700_000 + Governance.Tests.RegistryClient.Next() % 100_000));
        var theirOrder = await Placed(civilAffairs, theirs, "Bathing");
        var workerToken = TestTokens.WithDefaults(OrganisationTypes.Township, community.TownshipId);
        using var worker = platform.Gateway.CreateHttpClient().WithToken(workerToken);

        // No provider serves the community: the worker's order goes straight back to the community, which follows it up.
        var order = await Placed(worker, elder, "Meal");
        var escalated = (await worker.GetFromJsonAsync<JsonElement>($"{Api}/orders?escalated=true&followedUp=false")).GetProperty("items").EnumerateArray();
        var followUp = await worker.PostAsJsonAsync($"{Api}/orders/{order}/follow-ups", new { note = "已安排社区食堂送餐" });
        var people = await worker.GetStringAsync($"{Api}/elders");
        var careRecord = await worker.GetAsync($"{Api}/elders/{elder}/care-record");
        var accept = await worker.PostAsync($"{Api}/orders/{order}/acceptance", null);
        var register = await worker.PostAsJsonAsync($"{Api}/communities/{community.Id}/elders", new { });
        var dashboard = await worker.GetAsync($"{Api}/dashboards/unmet-orders");
        var otherProfile = await worker.GetAsync($"{Api}/elders/{theirs}");
        var otherOrder = await worker.GetAsync($"{Api}/orders/{theirOrder}");
        var otherCancel = await worker.PostAsync($"{Api}/orders/{theirOrder}/cancellation", null);
        var cancelled = await worker.PostAsync($"{Api}/orders/{order}/cancellation", null);

        Assert.Equal([order], escalated.Select(o => o.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.Created, followUp.StatusCode);
        Assert.Contains(elder.ToString(), people);
        Assert.DoesNotContain(theirs.ToString(), people);
        Assert.DoesNotContain(idNumber, people);
        Assert.DoesNotContain("healthNotes", people);
        Assert.DoesNotContain("abilityLevel", people);
        Assert.Equal(HttpStatusCode.Forbidden, careRecord.StatusCode);
        Assert.Equal("https://platform.county.gov.cn/problems/care_record_restricted", (await ProblemResponse.ReadAsync(careRecord)).Type);
        Assert.Equal(HttpStatusCode.Forbidden, accept.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherProfile.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherOrder.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherCancel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var log = await civilAffairs.GetFromJsonAsync<JsonElement>($"{Api}/access-log?outcome=refused&elderId={elder}");
        var refusal = log.GetProperty("items");
        Assert.Equal("role_restricted", Assert.Single(refusal.EnumerateArray()).GetProperty("refusalReason").GetString());
    }

    /// <summary>Registers a person once the community has reached eldercare's registry copy.</summary>
    private static async Task<Guid> Registered(HttpClient civilAffairs, Guid community, string idNumber)
    {
        HttpResponseMessage? response = null;
        await Eventually.Until(async () =>
        {
            response = await civilAffairs.PostAsJsonAsync($"{Api}/communities/{community}/elders", new
            {
                name = "赵奶奶", idNumber, address = "幸福路 1 号", livingSituation = "Alone",
                emergencyContacts = new[] { new { name = "赵强", relation = "儿子", phone = "13800000001" } },
                abilityLevel = "ModeratelyImpaired", assessedOn = "2026-01-05", assessor = "评估中心", healthNotes = "糖尿病", careNeeds = "送餐",
                consent = new { consentedBy = "本人", consentedOn = "2026-01-05", purpose = "居家养老服务" },
            });
            return response.StatusCode != HttpStatusCode.NotFound;
        }, TimeSpan.FromSeconds(30), "the community in eldercare's registry copy");
        Assert.True(response!.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> Placed(HttpClient by, Guid elder, string service)
    {
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var body = new { service, slotStart = start, slotEnd = start.AddHours(1) };
        var response = await by.PostAsJsonAsync($"{Api}/elders/{elder}/orders", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
