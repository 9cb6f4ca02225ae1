using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Governance.Api.Voting;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>Who chooses the voting window: the rule set's notice, minimum and maximum, the server's clock, and extensions only.</summary>
public sealed class VotingWindowTests(GovernanceHost governance) : IClassFixture<GovernanceHost>
{
    private readonly RegistryClient _registry = new(governance.Client);
    private readonly VotingClient _voting = new(governance.Host, governance.Client, governance.Clock);

    private Task<long> Count(string table, string where = "true") => Sql.CountAsync(governance.Host.DatabaseConnectionString, table, where);

    private async Task<(Guid Community, Guid Owner)> CommunityWithOwner()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var owner = await _registry.Person();
        await _registry.Unit(community.Id, building.Id, owner.Id, 100m);
        return (community.Id, owner.Id);
    }

    [Theory]
    [InlineData("back-dated", "opensAt")]
    [InlineData("before-2021", "opensAt")]
    [InlineData("without-notice", "opensAt")]
    [InlineData("closed-already", "closesAt")]
    [InlineData("thirty-seconds", "closesAt")]
    [InlineData("year-9999", "closesAt")]
    public async Task A_window_the_rule_set_does_not_allow_is_refused_naming_the_field_and_writes_nothing(string window, string field)
    {
        var (community, _) = await CommunityWithOwner();
        var now = governance.Clock.GetUtcNow();
        var noticed = now + VotingClient.Notice;
        (DateTimeOffset? opensAt, DateTimeOffset closesAt) = window switch
        {
            "back-dated" => ((DateTimeOffset?)now.AddDays(-10), now.AddDays(20)),
            "before-2021" => (new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 7, 1, 0, 0, 0, TimeSpan.Zero)),
            "without-notice" => (now.AddHours(1), now.AddHours(1) + VotingClient.Window),
            "closed-already" => (null, now.AddHours(-1)),
            "thirty-seconds" => (noticed, noticed.AddSeconds(30)),
            _ => (null, new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero)),
        };
        var before = await Count("proposals") + await Count("audit_entries");

        var response = await governance.Client.PostAsJsonAsync($"/api/governance/v1/communities/{community}/proposals",
            new { matter = "UseMaintenanceFunds", title = "电梯维修", text = "3 栋电梯更换曳引机。", opensAt, closesAt }, RegistryClient.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        Assert.Equal(before, await Count("proposals") + await Count("audit_entries"));
    }

    [Fact]
    public async Task Without_opensAt_voting_opens_after_the_minimum_notice_under_the_rule_set_of_the_day_it_was_created()
    {
        var (community, _) = await CommunityWithOwner();
        var now = governance.Clock.GetUtcNow();

        var response = await governance.Client.PostAsJsonAsync($"/api/governance/v1/communities/{community}/proposals",
            new { matter = "AssemblyRules", title = "议事规则", text = "草案全文", closesAt = now + VotingClient.Notice + VotingClient.Window + TimeSpan.FromMinutes(1) }, RegistryClient.Json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var proposal = (await response.Content.ReadFromJsonAsync<ProposalResponse>(RegistryClient.Json))!;
        Assert.InRange(proposal.OpensAt, now + VotingClient.Notice, now + VotingClient.Notice + TimeSpan.FromMinutes(1));
        Assert.Equal("cn-civil-code-2021", proposal.RuleSetId);
        Assert.False(proposal.IsOpen);
    }

    [Fact]
    public async Task A_window_extended_before_it_closes_is_audited_once_and_the_published_result_shows_the_reason()
    {
        var (community, owner) = await CommunityWithOwner();
        var proposal = await _voting.Open(community);
        await _voting.Voted(proposal.Id, owner, "Agree");
        var closesAt = proposal.ClosesAt.AddDays(3);
        var extend = new HttpRequestMessage(HttpMethod.Post, $"/api/governance/v1/proposals/{proposal.Id}/extend")
        {
            Content = JsonContent.Create(new { closesAt, reason = "春节假期，业主返乡" }),
        };
        extend.Headers.Add("Idempotency-Key", "extend-1");
        var again = new HttpRequestMessage(HttpMethod.Post, extend.RequestUri) { Content = JsonContent.Create(new { closesAt, reason = "春节假期，业主返乡" }) };
        again.Headers.Add("Idempotency-Key", "extend-1");

        var extended = await governance.Client.SendAsync(extend);
        var replayed = await governance.Client.SendAsync(again);

        Assert.True(extended.StatusCode == HttpStatusCode.OK, await extended.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.True(replayed.Headers.Contains("Idempotent-Replayed"));
        var view = await governance.Client.GetFromJsonAsync<JsonElement>($"/api/governance/v1/proposals/{proposal.Id}");
        Assert.Equal(closesAt, view.GetProperty("closesAt").GetDateTimeOffset());
        var extension = Assert.Single(view.GetProperty("extensions").EnumerateArray());
        Assert.Equal((proposal.ClosesAt, "春节假期，业主返乡"), (extension.GetProperty("previousClosesAt").GetDateTimeOffset(), extension.GetProperty("reason").GetString()));
        Assert.Equal(1, await Count("audit_entries", $"action = 'ExtendVotingWindow' AND target = '/api/governance/v1/proposals/{proposal.Id}/extend'"));

        // The old close passes and voting goes on until the new one.
        _voting.MoveClockTo(proposal.ClosesAt.AddHours(1));
        await _voting.Voted(proposal.Id, owner, "Disagree");
        var decided = await _voting.Decided(proposal.Id);
        Assert.False(decided.Decision!.Passed);

        using var anonymous = governance.Host.CreateHttpClient();
        var published = await anonymous.GetFromJsonAsync<JsonElement>($"/public/governance/v1/vote-results/{proposal.Id}");
        Assert.Equal(closesAt, published.GetProperty("closesAt").GetDateTimeOffset());
        var shown = Assert.Single(published.GetProperty("extensions").EnumerateArray());
        Assert.Equal("春节假期，业主返乡", shown.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_extension_that_shortens_passes_the_maximum_or_comes_after_the_close_is_refused_and_writes_nothing()
    {
        var (community, _) = await CommunityWithOwner();
        var proposal = await _voting.Open(community);
        var path = $"/api/governance/v1/proposals/{proposal.Id}/extend";
        var before = await Count("audit_entries");

        var shorter = await governance.Client.PostAsJsonAsync(path, new { closesAt = proposal.ClosesAt.AddDays(-1), reason = "提前结束" });
        var tooLong = await governance.Client.PostAsJsonAsync(path, new { closesAt = proposal.OpensAt.AddDays(400), reason = "无限延长" });
        var noReason = await governance.Client.PostAsJsonAsync(path, new { closesAt = proposal.ClosesAt.AddDays(1), reason = " " });

        foreach (var (response, field) in new[] { (shorter, "closesAt"), (tooLong, "closesAt"), (noReason, "reason") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal([field], (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        }

        await _voting.Decided(proposal.Id);
        var late = await governance.Client.PostAsJsonAsync(path, new { closesAt = proposal.ClosesAt.AddDays(30), reason = "补票" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.EndsWith("voting_closed", (await ProblemResponse.ReadAsync(late)).Type);
        Assert.Equal(proposal.ClosesAt, (await _voting.Get(proposal.Id)).ClosesAt);
        Assert.Equal(before, await Count("audit_entries"));
    }
}
