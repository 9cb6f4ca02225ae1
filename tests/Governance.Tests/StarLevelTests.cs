using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.Registry;
using Platform.Governance.Api.StarLevels;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>The housing bureau rates a community's service; the history is kept and published, and Fees hears of it.</summary>
public sealed class StarLevelTests(GovernanceHost governance) : IClassFixture<GovernanceHost>
{
    private readonly RegistryClient _registry = new(governance.Client);

    [Fact]
    public async Task The_housing_bureau_rates_a_community_and_the_history_is_published()
    {
        var community = await _registry.Community();
        using var housing = governance.Host.CreateHttpClient().WithToken(TestTokens.For(OrganisationTypes.Housing, null, Scopes.GovernanceWrite, Scopes.GovernanceRead));

        var rated = await housing.PostAsJsonAsync($"/api/governance/v1/communities/{community.Id}/star-levels",
            new { starLevel = 4, effectiveFrom = "2026-07-01", reason = "2026年度物业服务星级评定" });

        Assert.Equal(HttpStatusCode.Created, rated.StatusCode);
        var current = await governance.Client.GetFromJsonAsync<CommunityResponse>($"/api/governance/v1/communities/{community.Id}", RegistryClient.Json);
        Assert.Equal(4, current!.StarLevel);
        using var anonymous = governance.Host.CreateHttpClient();
        var history = (await anonymous.GetFromJsonAsync<List<StarRatingResponse>>($"/public/governance/v1/communities/{community.Id}/star-levels", RegistryClient.Json))!;
        Assert.Equal([4, community.StarLevel], history.Select(r => r.StarLevel));
        Assert.Equal(community.StarLevel, history[0].PreviousStarLevel);
        Assert.Equal(1, await Sql.CountAsync(governance.Host.DatabaseConnectionString, "outbox_messages",
            $"type = 'Platform.Contracts.Events.CommunityStarLevelRated' AND payload->>'communityId' = '{community.Id}' AND payload->>'starLevel' = '4'"));
    }

    [Fact]
    public async Task Only_the_housing_bureau_rates_and_bad_ratings_write_nothing()
    {
        var community = await _registry.Community();
        var path = $"/api/governance/v1/communities/{community.Id}/star-levels";
        using var township = governance.Host.CreateHttpClient().WithToken(TestTokens.For(OrganisationTypes.Township, community.TownshipId, Scopes.GovernanceWrite));
        using var pricing = governance.Host.CreateHttpClient().WithToken(TestTokens.For(OrganisationTypes.DevelopmentAndReform, null, Scopes.GovernanceWrite));
        using var housing = governance.Host.CreateHttpClient().WithToken(TestTokens.For(OrganisationTypes.Housing, null, Scopes.GovernanceWrite));

        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync(path, new { starLevel = 5, effectiveFrom = "2026-01-01", reason = "r" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pricing.PostAsJsonAsync(path, new { starLevel = 5, effectiveFrom = "2026-01-01", reason = "r" })).StatusCode);
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { starLevel = 6, effectiveFrom = "2026-01-01", reason = "r" }, "starLevel"),
                     (new { starLevel = 3, effectiveFrom = "2999-01-01", reason = "r" }, "effectiveFrom"),
                     (new { starLevel = 3, effectiveFrom = "2026-01-01" }, "reason"),
                 })
        {
            var response = await housing.PostAsJsonAsync(path, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        }

        Assert.Equal(1, await Sql.CountAsync(governance.Host.DatabaseConnectionString, "star_ratings", $"community_id = '{community.Id}'"));
    }
}
