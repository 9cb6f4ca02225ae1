using System.Net;
using System.Net.Http.Json;
using Platform.Governance.Api.Registry;
using Platform.TestKit;

namespace Platform.Governance.Tests;

public sealed class RegistryApiTests(GovernanceHost governance) : IClassFixture<GovernanceHost>
{
    private readonly RegistryClient _registry = new(governance.Client);
    private HttpClient Http => governance.Client;

    private Task<long> Count(string table, string where = "true") => Sql.CountAsync(governance.Host.DatabaseConnectionString, table, where);

    [Fact]
    public async Task Registering_a_community_with_a_company_emits_CommunityRegistered_and_PropertyCompanyAssigned()
    {
        var company = await _registry.PropertyCompany();
        var community = await _registry.Community(company.Id);

        Assert.Equal(company.Id, community.PropertyCompanyId);
        Assert.Equal(1, await Count("outbox_messages", $"type = 'Platform.Contracts.Events.CommunityRegistered' AND payload->>'communityId' = '{community.Id}'"));
        Assert.Equal(1, await Count("outbox_messages", $"type = 'Platform.Contracts.Events.PropertyCompanyAssigned' AND payload->>'communityId' = '{community.Id}'"));
        var listed = await Http.GetFromJsonAsync<List<CommunityResponse>>($"/api/governance/v1/communities?townshipId={community.TownshipId}", RegistryClient.Json);
        Assert.Equal(community.Id, Assert.Single(listed!).Id);
    }

    [Fact]
    public async Task Registering_a_unit_records_its_first_owner_and_emits_UnitRegistered_and_OwnershipTransferred()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var owner = await _registry.Person();

        var unit = await _registry.Unit(community.Id, building.Id, owner.Id, 120.35m);

        Assert.Equal(120.35m, unit.ExclusiveArea);
        var history = await Http.GetFromJsonAsync<List<OwnershipResponse>>($"/api/governance/v1/units/{unit.Id}/ownerships", RegistryClient.Json);
        Assert.Equal(owner.Id, Assert.Single(history!).OwnerId);
        Assert.Equal(1, await Count("outbox_messages", $"type = 'Platform.Contracts.Events.UnitRegistered' AND payload->>'unitId' = '{unit.Id}'"));
        Assert.Equal(1, await Count("outbox_messages", $"type = 'Platform.Contracts.Events.OwnershipTransferred' AND payload->>'unitId' = '{unit.Id}'"));
    }

    [Fact]
    public async Task An_owner_is_shown_with_masked_id_number_and_phone_and_events_carry_no_personal_data()
    {
        var idNumber = TestIdentities.ResidentId(RegistryClient.Next());
        var owner = await _registry.Created<OwnerResponse>("/api/governance/v1/owners", new { kind = "Person", name = "李四", idNumber, phone = "13912345678" });

        Assert.Equal(idNumber[..6] + "********" + idNumber[^4..], owner.MaskedIdentity);
        Assert.Equal("139****5678", owner.MaskedPhone);
        Assert.Equal(0, await Count("owners", $"masked_identity = '{idNumber}' OR identity_hash = '{idNumber}'"));
        Assert.Equal(0, await Count("outbox_messages", $"payload::text LIKE '%{idNumber[6..14]}%' OR payload::text LIKE '%13912345678%' OR payload::text LIKE '%李四%'"));
    }

    [Fact]
    public async Task The_same_person_registered_twice_is_refused_with_the_existing_owner()
    {
        var idNumber = TestIdentities.ResidentId(RegistryClient.Next());
        var first = await _registry.Created<OwnerResponse>("/api/governance/v1/owners", new { kind = "Person", name = "王五", idNumber, phone = "13800000001" });

        var again = await Http.PostAsJsonAsync("/api/governance/v1/owners", new { kind = "Person", name = "王 五", idNumber = idNumber.ToLowerInvariant(), phone = "13800000002" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await ProblemResponse.ReadAsync(again);
        Assert.EndsWith("/owner_already_registered", problem.Type);
        Assert.Contains(first.Id.ToString(), problem.Detail);
    }

    [Fact]
    public async Task A_transfer_ends_the_current_ownership_and_starts_the_next()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var developer = await _registry.Developer();
        var buyer = await _registry.Person();
        var unit = await _registry.Unit(community.Id, building.Id, developer.Id);

        var transfer = await Http.PostAsJsonAsync($"/api/governance/v1/units/{unit.Id}/ownership-transfers", new { fromOwnerId = developer.Id, newOwnerId = buyer.Id, transferDate = "2024-03-01" });

        Assert.Equal(HttpStatusCode.Created, transfer.StatusCode);
        var history = (await Http.GetFromJsonAsync<List<OwnershipResponse>>($"/api/governance/v1/units/{unit.Id}/ownerships", RegistryClient.Json))!;
        Assert.Equal([developer.Id, buyer.Id], history.Select(o => o.OwnerId));
        Assert.Equal(new DateOnly(2024, 3, 1), history[0].Until);
        Assert.Null(history[1].Until);
        Assert.Equal(1, await Count("outbox_messages",
            $"type = 'Platform.Contracts.Events.OwnershipTransferred' AND payload->>'unitId' = '{unit.Id}' AND payload->>'previousOwnerId' = '{developer.Id}'"));
    }

    [Fact]
    public async Task A_transfer_dated_before_the_current_ownership_is_refused_and_writes_nothing()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var owner = await _registry.Person();
        var buyer = await _registry.Person();
        var unit = await _registry.Unit(community.Id, building.Id, owner.Id);

        var transfer = await Http.PostAsJsonAsync($"/api/governance/v1/units/{unit.Id}/ownership-transfers", new { fromOwnerId = owner.Id, newOwnerId = buyer.Id, transferDate = "2019-01-01" });

        Assert.Equal(HttpStatusCode.Conflict, transfer.StatusCode);
        Assert.EndsWith("/transfer_before_current_ownership", (await ProblemResponse.ReadAsync(transfer)).Type);
        Assert.Equal(1, await Count("ownerships", $"unit_id = '{unit.Id}'"));
    }

    [Fact]
    public async Task Concurrent_transfers_of_one_unit_record_one_and_refuse_the_others()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var developer = await _registry.Developer();
        var unit = await _registry.Unit(community.Id, building.Id, developer.Id);
        var buyers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _registry.Person()));

        var responses = await Task.WhenAll(buyers.Select(buyer =>
            Http.PostAsJsonAsync($"/api/governance/v1/units/{unit.Id}/ownership-transfers", new { fromOwnerId = developer.Id, newOwnerId = buyer.Id, transferDate = "2024-06-01" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(2, await Count("ownerships", $"unit_id = '{unit.Id}'"));
        Assert.Equal(1, await Count("ownerships", $"unit_id = '{unit.Id}' AND until IS NULL"));
        Assert.Equal(2, await Count("outbox_messages", $"type = 'Platform.Contracts.Events.OwnershipTransferred' AND payload->>'unitId' = '{unit.Id}'"));
    }

    [Fact]
    public async Task The_same_Idempotency_Key_twice_registers_once_and_replays_the_first_result()
    {
        var body = new { name = "Replay Township", code = $"3602{RegistryClient.Next():00000000}" };
        var key = Guid.NewGuid().ToString();

        var first = await Send(body, key);
        var second = await Send(body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await Count("townships", $"code = '{body.code}'"));

        var reused = await Send(body with { name = "Another name" }, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.EndsWith("/idempotency-key-reused", (await ProblemResponse.ReadAsync(reused)).Type);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_Idempotency_Key_register_once()
    {
        var body = new { name = "Race Township", code = $"3603{RegistryClient.Next():00000000}" };
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Send(body, key)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        Assert.Single(responses.Select(r => r.Content.ReadAsStringAsync().Result).Distinct());
        Assert.Equal(1, await Count("townships", $"code = '{body.code}'"));
    }

    private async Task<HttpResponseMessage> Send<T>(T body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/governance/v1/townships") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await Http.SendAsync(request);
    }

    [Fact]
    public async Task Problem_text_is_Chinese_by_default_and_English_when_asked()
    {
        var chinese = await Http.PostAsJsonAsync("/api/governance/v1/townships", new { name = "", code = "1" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/governance/v1/townships") { Content = JsonContent.Create(new { name = "", code = "1" }) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var english = await Http.SendAsync(request);

        Assert.Equal("请求参数有误", (await ProblemResponse.ReadAsync(chinese)).Title);
        var problem = await ProblemResponse.ReadAsync(english);
        Assert.Equal("The request has invalid fields", problem.Title);
        Assert.Equal(["is required"], problem.Errors!["name"]);
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_problem()
    {
        var response = await Http.GetAsync($"/api/governance/v1/units/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.EndsWith("/not-found", (await ProblemResponse.ReadAsync(response)).Type);
    }
}
