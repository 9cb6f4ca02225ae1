using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Domain.Voting;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

/// <summary>An owner votes only as themself: the ballot names no voter, the token does.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OwnerVotingTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_owner_votes_as_themself_the_last_ballot_counts_and_no_one_else_can_vote_for_them()
    {
        var community = await platform.Registry.Community();
        var building = await platform.Registry.Building(community.Id);
        var alice = await platform.Registry.Person();
        var bob = await platform.Registry.Person();
        await platform.Registry.Unit(community.Id, building.Id, alice.Id, 100m);
        await platform.Registry.Unit(community.Id, building.Id, bob.Id, 50m);
        var latecomer = await platform.Registry.Person();
        var outsider = await platform.Registry.Person();
        var elsewhere = await platform.Registry.Community();
        await platform.Registry.Unit(elsewhere.Id, (await platform.Registry.Building(elsewhere.Id)).Id, outsider.Id);

        var opensAt = platform.Governance.Clock.GetUtcNow() + RuleSetCatalog.CivilCode2021.Window.MinimumNotice;
        var opened = await platform.Client.PostAsJsonAsync($"/api/governance/v1/communities/{community.Id}/proposals", new
        {
            matter = "ElectOrReplaceCommittee", title = "选举第一届业主委员会", text = "候选人名单见附件。", opensAt, closesAt = opensAt + RuleSetCatalog.CivilCode2021.Window.MinimumWindow,
        });
        Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var proposalId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // Joins after voting opened: not in the frozen electorate.
        await platform.Registry.Unit(community.Id, building.Id, latecomer.Id, 70m);

        // The notice passes and voting opens (moved back at the end: the collection's other tests run on today).
        platform.Governance.Clock.Advance(RuleSetCatalog.CivilCode2021.Window.MinimumNotice);
        using var asAlice = platform.Gateway.CreateHttpClient().WithToken(TestTokens.ForOwner(alice.Id));
        var ballots = $"/api/governance/v1/proposals/{proposalId}/ballots";
        Assert.Equal(HttpStatusCode.Created, (await asAlice.PostAsJsonAsync(ballots, new { choice = "Disagree" })).StatusCode);
        // A voter field in the body changes nothing: the ballot is Alice's, cast again.
        Assert.Equal(HttpStatusCode.Created, (await asAlice.PostAsJsonAsync(ballots, new { choice = "Agree", voterId = bob.Id, ownerId = bob.Id })).StatusCode);

        using var asLatecomer = platform.Gateway.CreateHttpClient().WithToken(TestTokens.ForOwner(latecomer.Id));
        using var asOutsider = platform.Gateway.CreateHttpClient().WithToken(TestTokens.ForOwner(outsider.Id));
        using var asDepartment = platform.Gateway.CreateHttpClient().WithToken(TestTokens.For(OrganisationTypes.Housing, null, [.. Scopes.All]));
        using var asOwnerWithoutVote = platform.Gateway.CreateHttpClient().WithToken(TestTokens.ForOwner(bob.Id, Scopes.GovernanceRead));
        Assert.Equal(HttpStatusCode.Forbidden, (await asLatecomer.PostAsJsonAsync(ballots, new { choice = "Agree" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asOutsider.PostAsJsonAsync(ballots, new { choice = "Agree" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asDepartment.PostAsJsonAsync(ballots, new { choice = "Agree" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asOwnerWithoutVote.PostAsJsonAsync(ballots, new { choice = "Agree" })).StatusCode);

        var tally = (await platform.Client.GetFromJsonAsync<JsonElement>($"/api/governance/v1/proposals/{proposalId}")).GetProperty("tally");
        Assert.Equal(2, tally.GetProperty("electorateHeadcount").GetInt64());
        Assert.Equal(150m, tally.GetProperty("electorateArea").GetDecimal());
        Assert.Equal(1, tally.GetProperty("participatingHeadcount").GetInt64());
        Assert.Equal(1, tally.GetProperty("agreeHeadcount").GetInt64());
        Assert.Equal(100m, tally.GetProperty("agreeArea").GetDecimal());
        Assert.Equal(0, tally.GetProperty("disagreeHeadcount").GetInt64());
        Assert.Equal(2, await Sql.CountAsync(platform.Governance.DatabaseConnectionString, "ballots", $"proposal_id = '{proposalId}' AND cast_by_owner_id = '{alice.Id}'"));
        Assert.Equal(0, await Sql.CountAsync(platform.Governance.DatabaseConnectionString, "ballots", $"proposal_id = '{proposalId}' AND voter_id <> '{alice.Id}'"));
        Assert.Equal(NotFound, (await asOutsider.GetAsync($"/api/governance/v1/proposals/{proposalId}")).StatusCode);
        platform.Governance.Clock.Reset();
    }

    private const HttpStatusCode NotFound = HttpStatusCode.NotFound;
}
