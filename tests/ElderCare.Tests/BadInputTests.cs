using System.Net;
using System.Net.Http.Json;
using System.Text;
using Platform.ElderCare.Domain.Care;
using Platform.TestKit;

namespace Platform.ElderCare.Tests;

/// <summary>Bad input gets a problem-details 400 naming the field, and nothing is written.</summary>
public sealed class BadInputTests(ElderCareHost eldercare) : IClassFixture<ElderCareHost>
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static (Guid Community, Guid Elder, Guid Order, Guid Provider, Guid ProviderOrganisation)? _world;

    private async Task<(Guid Community, Guid Elder, Guid Order, Guid Provider, Guid ProviderOrganisation)> World()
    {
        await Once.WaitAsync();
        try
        {
            if (_world is null)
            {
                var (community, _) = await eldercare.Community();
                var organisation = Guid.NewGuid();
                var provider = await eldercare.Provider(organisation, [community]);
                var elder = await eldercare.Elder(community);
                var order = await eldercare.Order(elder.Id);
                _world = (community, elder.Id, order.Id, provider.Id, organisation);
            }

            return _world.Value;
        }
        finally
        {
            Once.Release();
        }
    }

    public static TheoryData<string, string> BadElders => new()
    {
        { """ "idNumber": "110105194912310020" """, "idNumber" },
        { """ "idNumber": null """, "idNumber" },
        { """ "name": "" """, "name" },
        { """ "abilityLevel": "Bedridden" """, "abilityLevel" },
        { """ "livingSituation": null """, "livingSituation" },
        { """ "address": null """, "address" },
        { """ "emergencyContacts": [] """, "emergencyContacts" },
        { """ "emergencyContacts": [{ "name": "李明", "relation": "儿子", "phone": "call me" }] """, "emergencyContacts[0].phone" },
        { """ "assessedOn": "2999-01-01" """, "assessedOn" },
        { """ "consent": null """, "consent" },
        { """ "consent": { "consentedBy": "", "consentedOn": "2026-01-01", "purpose": "服务" } """, "consent.consentedBy" },
        { """ "healthNotes": "{{LONG}}" """, "healthNotes" },
        { """ "unitId": "00000000-0000-0000-0000-000000000001" """, "unitId" },
    };

    [Theory]
    [MemberData(nameof(BadElders))]
    public async Task A_bad_profile_is_a_400_naming_the_field_and_nothing_is_written(string change, string field)
    {
        var (community, _, _, _, _) = await World();
        var before = await Sql.CountAsync(eldercare.Db, "elder_profiles");
        var body = System.Text.Json.JsonSerializer.Serialize(ElderCareHost.ElderBody(ElderCareHost.NextIdNumber()), ElderCareHost.Json);
        var patched = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
        var replacement = System.Text.Json.Nodes.JsonNode.Parse("{" + change.Replace("{{LONG}}", new string('病', 2001), StringComparison.Ordinal) + "}")!.AsObject();
        foreach (var (key, value) in replacement.ToList())
        {
            replacement.Remove(key);
            patched[key] = value;
        }

        var response = await eldercare.CivilAffairs.PostAsync($"/api/eldercare/v1/communities/{community}/elders",
            new StringContent(patched.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.True(problem.Errors!.ContainsKey(field), $"{field} not in {string.Join(", ", problem.Errors.Keys)}");
        Assert.False(string.IsNullOrWhiteSpace(problem.Errors[field][0]));
        Assert.Equal(before, await Sql.CountAsync(eldercare.Db, "elder_profiles"));
    }

    public static TheoryData<string, string, string> BadCommands => new()
    {
        { "orders", """{"service":"Massage","slotStart":"2099-01-01T08:00:00Z","slotEnd":"2099-01-01T09:00:00Z"}""", "service" },
        { "orders", """{"service":"Meal","slotStart":"2099-01-01T08:00:00Z","slotEnd":"2099-01-01T07:00:00Z"}""", "slotEnd" },
        { "orders", """{"service":"Meal","slotStart":"2099-01-01T08:00:00Z","slotEnd":"2099-01-01T20:00:00Z"}""", "slotEnd" },
        { "orders", """{"service":"Meal","slotStart":"2020-01-01T08:00:00Z","slotEnd":"2020-01-01T09:00:00Z"}""", "slotStart" },
        { "orders", """{"service":"Meal","slotStart":"2099-01-01T08:00:00Z","slotEnd":"2099-01-01T09:00:00Z"}""", "slotStart" },
        { "orders", """{"service":"Meal","slotStart":"tomorrow","slotEnd":"2099-01-01T09:00:00Z"}""", "slotStart" },
        { "providers", """{"organisationId":"{{NEW}}","organisationType":"care-provider","name":"康养","offerings":[{"service":"Meal","communityIds":["{{COMMUNITY}}"],"dailyCapacity":5,"priceFen":1000,"subsidyByLevelFen":[0,0,0,0,2000]}]}""", "offerings[0].subsidyByLevelFen" },
        { "providers", """{"organisationId":"{{NEW}}","organisationType":"care-provider","name":"康养","offerings":[{"service":"Meal","communityIds":["{{COMMUNITY}}"],"dailyCapacity":0,"priceFen":1000,"subsidyByLevelFen":[0,0,0,0,0]}]}""", "offerings[0].dailyCapacity" },
        { "providers", """{"organisationId":"{{NEW}}","organisationType":"care-provider","name":"康养","offerings":[{"service":"Meal","communityIds":["{{NEW}}"],"dailyCapacity":5,"priceFen":1000,"subsidyByLevelFen":[0,0,0,0,0]}]}""", "offerings[0].communityIds" },
        { "providers", """{"organisationId":"{{NEW}}","organisationType":"township","name":"康养","offerings":[{"service":"Meal","communityIds":["{{COMMUNITY}}"],"dailyCapacity":5,"priceFen":1000,"subsidyByLevelFen":[0,0,0,0,0]}]}""", "organisationType" },
        { "providers", """{"organisationId":"{{NEW}}","organisationType":"care-provider","name":"康养","offerings":[{"service":"Meal","communityIds":["{{COMMUNITY}}"],"dailyCapacity":5,"priceFen":1000,"subsidyByLevelFen":[0,0,0]}]}""", "offerings[0].subsidyByLevelFen" },
        { "rating", """{"stars":6}""", "stars" },
        { "decline", """{"reason":""}""", "reason" },
    };

    [Theory]
    [MemberData(nameof(BadCommands))]
    public async Task A_bad_order_provider_rating_or_decline_is_a_400_naming_the_field_and_nothing_is_written(string target, string json, string field)
    {
        var (community, elder, order, _, organisation) = await World();
        var (client, path) = target switch
        {
            "orders" => (eldercare.CivilAffairs, $"/api/eldercare/v1/elders/{elder}/orders"),
            "providers" => (eldercare.CivilAffairs, "/api/eldercare/v1/providers"),
            "rating" => (eldercare.CivilAffairs, $"/api/eldercare/v1/orders/{order}/rating"),
            _ => (eldercare.AsProvider(organisation), $"/api/eldercare/v1/orders/{order}/decline"),
        };
        var tables = new[] { "care_orders", "care_providers", "care_offerings", "outbox_messages", "audit_entries" };
        var before = await Task.WhenAll(tables.Select(t => Sql.CountAsync(eldercare.Db, t)));
        var body = json.Replace("{{NEW}}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{{COMMUNITY}}", community.ToString(), StringComparison.Ordinal);

        var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.True(problem.Errors!.ContainsKey(field), $"{field} not in {string.Join(", ", problem.Errors.Keys)}");
        Assert.Equal(before, await Task.WhenAll(tables.Select(t => Sql.CountAsync(eldercare.Db, t))));
        Assert.Equal(CareOrderStatus.Offered, (await eldercare.OrderAsSeenByCivilAffairs(order)).Status);
    }

    [Fact]
    public async Task Bad_queries_name_their_parameter()
    {
        var (_, elder, order, provider, organisation) = await World();
        using var asProvider = eldercare.AsProvider(organisation);

        foreach (var (client, path, field) in new[]
                 {
                     (asProvider, $"/api/eldercare/v1/providers/{provider}/statements/2026-13", "period"),
                     (eldercare.CivilAffairs, "/api/eldercare/v1/catalogue", "communityId"),
                     (eldercare.CivilAffairs, $"/api/eldercare/v1/elders/{elder}/care-record?purpose=Gossip", "purpose"),
                     (eldercare.CivilAffairs, $"/api/eldercare/v1/elders/{elder}/care-record?purpose=PersonalReview", "purpose"),
                     (eldercare.CivilAffairs, "/api/eldercare/v1/dashboards/provider-performance?period=May", "period"),
                     (eldercare.CivilAffairs, "/api/eldercare/v1/access-log?limit=0", "limit"),
                     (eldercare.CivilAffairs, "/api/eldercare/v1/access-log?outcome=maybe", "outcome"),
                     (eldercare.CivilAffairs, "/api/eldercare/v1/access-log?outcome=7", "outcome"),
                     (eldercare.CivilAffairs, "/api/eldercare/v1/access-log?offset=-1", "offset"),
                     (eldercare.CivilAffairs, "/api/eldercare/v1/orders?limit=501", "limit"),
                     (eldercare.CivilAffairs, "/api/eldercare/v1/orders?offset=-1", "offset"),
                     (eldercare.CivilAffairs, $"/api/eldercare/v1/elders/{elder}/orders?limit=0", "limit"),
                     (eldercare.CivilAffairs, "/api/eldercare/v1/elders?offset=-1", "offset"),
                     (eldercare.CivilAffairs, "/api/eldercare/v1/providers?limit=0", "limit"),
                     (asProvider, $"/api/eldercare/v1/orders/{order}/follow-ups?limit=501", "limit"),
                 })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
            Assert.Contains(field, (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        }

        // A refused care-record read is not a read: nothing logged.
        Assert.Equal(0, await Sql.CountAsync(eldercare.Db, "sensitive_access_log", $"elder_id = '{elder}'"));
    }

    [Fact]
    public async Task An_unknown_community_is_a_404_problem()
    {
        var response = await eldercare.CivilAffairs.PostAsJsonAsync($"/api/eldercare/v1/communities/{Guid.NewGuid()}/elders", ElderCareHost.ElderBody(ElderCareHost.NextIdNumber()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("https://platform.county.gov.cn/problems/not-found", (await ProblemResponse.ReadAsync(response)).Type);
    }
}
