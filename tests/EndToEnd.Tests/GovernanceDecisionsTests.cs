using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Domain.Voting;
using Platform.Governance.Tests;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

/// <summary>What governance decides reaches everyone who needs it: the public through the gateway, other services through events.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GovernanceDecisionsTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_decided_vote_is_published_through_the_gateway_without_a_token()
    {
        var community = await platform.Registry.Community();
        var building = await platform.Registry.Building(community.Id);
        var owner = await platform.Registry.Person();
        await platform.Registry.Unit(community.Id, building.Id, owner.Id, 100m);
        var clock = platform.Governance.Clock;
        var opensAt = clock.GetUtcNow() + RuleSetCatalog.CivilCode2021.Window.MinimumNotice;
        var opened = await platform.Client.PostAsJsonAsync($"/api/governance/v1/communities/{community.Id}/proposals", new
        {
            matter = "ManagementCovenant", title = "修订管理规约", text = "第十二条修订为……", opensAt, closesAt = opensAt + RuleSetCatalog.CivilCode2021.Window.MinimumWindow,
        });
        var proposalId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var asOwner = platform.Gateway.CreateHttpClient().WithToken(TestTokens.ForOwner(owner.Id));
        using var anonymous = platform.Gateway.CreateHttpClient();
        var published = $"/public/governance/v1/vote-results/{proposalId}";
        try
        {
            clock.Advance(RuleSetCatalog.CivilCode2021.Window.MinimumNotice);
            Assert.Equal(HttpStatusCode.Created, (await asOwner.PostAsJsonAsync($"/api/governance/v1/proposals/{proposalId}/ballots", new { choice = "Agree" })).StatusCode);
            clock.Advance(RuleSetCatalog.CivilCode2021.Window.MinimumWindow);
            await Eventually.Until(async () => (await anonymous.GetAsync(published)).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the result is published");
        }
        finally
        {
            clock.Reset();
        }

        var result = await anonymous.GetFromJsonAsync<JsonElement>(published);
        Assert.True(result.GetProperty("passed").GetBoolean());
        Assert.Equal("cn-civil-code-2021", result.GetProperty("ruleSetId").GetString());
        Assert.Equal(100m, result.GetProperty("figures").GetProperty("agreeArea").GetDecimal());
        Assert.DoesNotContain(owner.Id.ToString(), result.GetRawText());
        // The proposal itself is not public.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/governance/v1/proposals/{proposalId}")).StatusCode);
    }

    [Fact]
    public async Task A_star_rating_reaches_every_services_registry_copy()
    {
        var community = await platform.Registry.Community();
        using var housing = platform.Gateway.CreateHttpClient().WithToken(TestTokens.For(OrganisationTypes.Housing, null, Scopes.GovernanceWrite));
        var rated = await housing.PostAsJsonAsync($"/api/governance/v1/communities/{community.Id}/star-levels",
            new { starLevel = 5, effectiveFrom = CountyCalendar.Today, reason = "年度评定" });
        Assert.Equal(HttpStatusCode.Created, rated.StatusCode);

        foreach (var service in PlatformFixture.Consumers)
        {
            await Eventually.Until(async () =>
                    (await platform.Client.GetFromJsonAsync<List<RegistryCommunityResponse>>($"/api/{service}/v1/registry/communities", RegistryClient.Json))!
                    .Any(c => c.Id == community.Id && c.StarLevel == 5),
                TimeSpan.FromSeconds(30), $"the rating in {service}'s registry copy");
        }
    }
}
