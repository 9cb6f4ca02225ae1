using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Security;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

/// <summary>A property company's token reaches the communities it serves now: a reassignment moves the access with it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PropertyCompanyAccessTests(PlatformFixture platform)
{
    [Fact]
    public async Task When_a_community_changes_company_the_old_one_loses_it_and_the_new_one_gains_it_in_every_service()
    {
        var before = await platform.Registry.PropertyCompany();
        var after = await platform.Registry.PropertyCompany();
        var community = await platform.Registry.Community(before.Id);
        var building = await platform.Registry.Building(community.Id);
        var unit = await platform.Registry.Unit(community.Id, building.Id, (await platform.Registry.Person()).Id);
        await platform.UnitReachesEveryService(unit.Id, TimeSpan.FromSeconds(30));
        using var oldCompany = platform.Gateway.CreateHttpClient().WithToken(TestTokens.For(OrganisationTypes.PropertyCompany, before.Id, [.. Scopes.All]));
        using var newCompany = platform.Gateway.CreateHttpClient().WithToken(TestTokens.For(OrganisationTypes.PropertyCompany, after.Id, [.. Scopes.All]));
        Assert.Equal(HttpStatusCode.OK, (await oldCompany.GetAsync($"/api/governance/v1/communities/{community.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await oldCompany.GetAsync($"/api/parking/v1/registry/units/{unit.Id}")).StatusCode);

        var reassigned = await platform.Client.PutAsJsonAsync($"/api/governance/v1/communities/{community.Id}/property-company", new { propertyCompanyId = after.Id, since = "2025-01-01" });
        Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await oldCompany.GetAsync($"/api/governance/v1/communities/{community.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newCompany.GetAsync($"/api/governance/v1/communities/{community.Id}")).StatusCode);
        foreach (var service in PlatformFixture.Consumers.Where(s => s != "identity"))
        {
            await Eventually.Until(
                async () => (await oldCompany.GetAsync($"/api/{service}/v1/registry/units/{unit.Id}")).StatusCode == HttpStatusCode.NotFound
                            && (await newCompany.GetAsync($"/api/{service}/v1/registry/units/{unit.Id}")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30),
                $"{service} moved the community from the old company to the new one");
        }
    }
}
