using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.BuildingBlocks.Security;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// What Finance and Police do with the maintenance fund, through the gateway, each with exactly its organisation's
/// default scopes: Finance countersigns (会签) a disbursement above the threshold, Police reads the misuse flags.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FundsCountersignatureTests(PlatformFixture platform)
{
    /// <summary>The migration's default second-signature threshold: 200,000 yuan.</summary>
    private const long DefaultThresholdFen = 20_000_000;

    private HttpClient As(string token) => platform.Gateway.CreateHttpClient().WithToken(token);

    [Fact]
    public async Task Finance_countersigns_a_disbursement_above_the_threshold_the_housing_bureau_asked_for_and_only_then_is_it_paid()
    {
        var company = await platform.Registry.PropertyCompany();
        var community = await platform.Registry.Community(company.Id);
        var building = await platform.Registry.Building(community.Id);
        var units = new List<Guid>();
        foreach (var area in new[] { 80m, 20m })
        {
            units.Add((await platform.Registry.Unit(community.Id, building.Id, (await platform.Registry.Person()).Id, area)).Id);
        }

        foreach (var unit in units)
        {
            await platform.UnitReachesEveryService(unit, TimeSpan.FromSeconds(30));
        }

        using var housing = As(TestTokens.WithDefaults(OrganisationTypes.Housing));
        using var finance = As(TestTokens.WithDefaults(OrganisationTypes.Finance));
        foreach (var unit in units)
        {
            Assert.Equal(HttpStatusCode.Created, (await housing.PostAsJsonAsync($"/api/funds/v1/units/{unit}/deposits",
                new { kind = "Other", amountFen = 20_000_000, bankReference = $"E2E-CS-{unit:N}",
                    depositedOn = CountyCalendar.Today })).StatusCode);
        }

        var proposed = await housing.PostAsJsonAsync($"/api/funds/v1/communities/{community.Id}/repair-projects", new
        {
            track = "Emergency", emergencyCategory = "FireFacilityFailure", title = "更换消防水泵", item = $"消防泵{Guid.NewGuid():N}",
            scopeUnitIds = units, budgetFen = 30_000_000, contractorId = Guid.NewGuid(), contractorName = "某消防公司",
        });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var project = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await housing.PostAsync($"/api/funds/v1/repair-projects/{project}/approval", null)).StatusCode);

        // Finance signs the second time, never the first.
        var financePays = await finance.PostAsJsonAsync($"/api/funds/v1/repair-projects/{project}/disbursements",
            new { amountFen = DefaultThresholdFen + 100, bankReference = $"E2E-CS-F-{project:N}" });
        Assert.Equal(HttpStatusCode.Forbidden, financePays.StatusCode);

        var requested = await housing.PostAsJsonAsync($"/api/funds/v1/repair-projects/{project}/disbursements",
            new { amountFen = DefaultThresholdFen + 100, bankReference = $"E2E-CS-{project:N}" });
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal([20_000_000L, 20_000_000L], await Balances(housing, units));

        var ownSignature = await housing.PostAsync($"/api/funds/v1/disbursements/{id}/countersignature", null);
        Assert.Equal(HttpStatusCode.Forbidden, ownSignature.StatusCode);
        var signed = await finance.PostAsync($"/api/funds/v1/disbursements/{id}/countersignature", null);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);

        // 20,000,100 over 80 : 20 m².
        Assert.Equal([20_000_000L - 16_000_080, 20_000_000L - 4_000_020], await Balances(housing, units));
        var again = await finance.PostAsync($"/api/funds/v1/disbursements/{id}/countersignature", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Police_with_its_default_scopes_reads_the_misuse_flags_and_a_company_or_township_gets_403()
    {
        var company = await platform.Registry.PropertyCompany();
        var community = await platform.Registry.Community(company.Id);
        using var police = As(TestTokens.WithDefaults(OrganisationTypes.Police));
        using var asCompany = As(TestTokens.WithDefaults(OrganisationTypes.PropertyCompany, company.Id));
        using var township = As(TestTokens.WithDefaults(OrganisationTypes.Township, community.TownshipId));

        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync("/api/funds/v1/misuse-flags")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await asCompany.GetAsync($"/api/funds/v1/misuse-flags?communityId={community.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await township.GetAsync($"/api/funds/v1/misuse-flags?communityId={community.Id}")).StatusCode);
    }

    private static async Task<List<long>> Balances(HttpClient client, IEnumerable<Guid> units)
    {
        var balances = new List<long>();
        foreach (var unit in units)
        {
            var statement = await client.GetFromJsonAsync<JsonElement>($"/api/funds/v1/units/{unit}/ledger");
            balances.Add(statement.GetProperty("ledger").GetProperty("balanceFen").GetInt64());
        }

        return balances;
    }
}
