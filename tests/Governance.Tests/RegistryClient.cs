using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Governance.Api.ProblemLists;
using Platform.Governance.Api.Registry;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>Drives the registry API the way a department's client would, over HTTP.</summary>
public sealed class RegistryClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static int _sequence = Random.Shared.Next(1, 1_000_000);

    public static int Next() => Interlocked.Increment(ref _sequence);

    public async Task<T> Created<T>(string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body, Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public Task<TownshipResponse> Township() =>
        Created<TownshipResponse>("/api/governance/v1/townships", new { name = $"Township {Next()}", code = $"3601{Next():00000000}" });

    public Task<PropertyCompanyResponse> PropertyCompany() =>
        Created<PropertyCompanyResponse>("/api/governance/v1/property-companies", new { name = $"Company {Next()}", unifiedSocialCreditCode = TestIdentities.CreditCode(Next()) });

    public async Task<CommunityResponse> Community(Guid? propertyCompanyId = null)
    {
        var township = await Township();
        return await Created<CommunityResponse>("/api/governance/v1/communities", new
        {
            townshipId = township.Id, name = $"Community {Next()}", address = "1 Riverside Road", propertyCompanyId, starLevel = 3, isOldCommunity = false,
        });
    }

    public Task<BuildingResponse> Building(Guid communityId, string? number = null) =>
        Created<BuildingResponse>($"/api/governance/v1/communities/{communityId}/buildings", new { number = number ?? Next().ToString() });

    public Task<OwnerResponse> Person() =>
        Created<OwnerResponse>("/api/governance/v1/owners", new { kind = "Person", name = "张三", idNumber = TestIdentities.ResidentId(Next()), phone = TestIdentities.Phone(Next()) });

    public Task<OwnerResponse> Developer() =>
        Created<OwnerResponse>("/api/governance/v1/owners", new { kind = "Developer", name = "Riverside Development Co.", idNumber = TestIdentities.CreditCode(Next()) });

    public Task<UnitResponse> Unit(Guid communityId, Guid buildingId, Guid ownerId, decimal area = 89.5m) =>
        Created<UnitResponse>($"/api/governance/v1/communities/{communityId}/units", new
        {
            buildingId, number = $"1-{Next()}", exclusiveArea = area, use = "Residential", areaSource = "Register", ownerId, ownedSince = "2020-05-01",
        });

    /// <summary>A problem on the community's list, its property company responsible, due in <paramref name="days"/> days.</summary>
    public Task<CampaignProblemResponse> Problem(Guid communityId, DateOnly? deadline = null, string category = "Sanitation") =>
        Created<CampaignProblemResponse>($"/api/governance/v1/communities/{communityId}/problems", new
        {
            category, description = "楼道堆放杂物未清理", responsibleParty = "PropertyCompany",
            deadline = deadline ?? CountyCalendar.Today.AddDays(30),
        });
}
