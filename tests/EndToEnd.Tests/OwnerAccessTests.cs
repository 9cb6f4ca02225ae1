using System.Net;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

/// <summary>An owner's token reads what is theirs, and nothing of their neighbours'.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OwnerAccessTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_owner_reads_their_own_unit_and_ownership_but_not_a_neighbours()
    {
        var community = await platform.Registry.Community();
        var building = await platform.Registry.Building(community.Id);
        var me = await platform.Registry.Person();
        var neighbour = await platform.Registry.Person();
        var mine = await platform.Registry.Unit(community.Id, building.Id, me.Id);
        var theirs = await platform.Registry.Unit(community.Id, building.Id, neighbour.Id);
        await platform.UnitReachesEveryService(theirs.Id, TimeSpan.FromSeconds(30));
        using var owner = platform.Gateway.CreateHttpClient().WithToken(TestTokens.ForOwner(me.Id));

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/governance/v1/units/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/governance/v1/units/{mine.Id}/ownerships")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/governance/v1/owners/{me.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/governance/v1/communities/{community.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/fees/v1/registry/units/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/funds/v1/registry/units/{mine.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/governance/v1/units/{theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/governance/v1/units/{theirs.Id}/ownerships")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/governance/v1/owners/{neighbour.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/fees/v1/registry/units/{theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/funds/v1/registry/units/{theirs.Id}")).StatusCode);
        var listed = await owner.GetStringAsync($"/api/governance/v1/communities/{community.Id}/units");
        Assert.Contains(mine.Id.ToString(), listed);
        Assert.DoesNotContain(theirs.Id.ToString(), listed);
    }

    [Fact]
    public async Task An_owner_sees_no_other_community_even_one_without_a_property_company()
    {
        var mine = await platform.Registry.Community();
        var other = await platform.Registry.Community();
        var me = await platform.Registry.Person();
        await platform.Registry.Unit(mine.Id, (await platform.Registry.Building(mine.Id)).Id, me.Id);
        using var owner = platform.Gateway.CreateHttpClient().WithToken(TestTokens.ForOwner(me.Id));

        Assert.Null(other.PropertyCompanyId);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/governance/v1/communities/{other.Id}")).StatusCode);
        var listed = await owner.GetStringAsync("/api/governance/v1/communities");
        Assert.Contains(mine.Id.ToString(), listed);
        Assert.DoesNotContain(other.Id.ToString(), listed);
    }

    [Fact]
    public async Task An_owner_cannot_write_to_the_registry()
    {
        var community = await platform.Registry.Community();
        var me = await platform.Registry.Person();
        using var owner = platform.Gateway.CreateHttpClient().WithToken(TestTokens.ForOwner(me.Id));

        var response = await owner.PostAsync($"/api/governance/v1/communities/{community.Id}/buildings",
            new StringContent("""{"number":"1"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
