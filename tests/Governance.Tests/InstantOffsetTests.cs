using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Platform.Governance.Api.Committees;
using Platform.Governance.Api.Voting;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>A client in Beijing writes times with "+08:00": they are the same instants, stored in UTC (never a 500).</summary>
public sealed class InstantOffsetTests(GovernanceHost governance) : IClassFixture<GovernanceHost>
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private readonly RegistryClient _registry = new(governance.Client);

    /// <summary>A window after the rule set's notice, written as Beijing wall-clock times with their offset.</summary>
    private (string OpensAt, string ClosesAt, DateTimeOffset Opens, DateTimeOffset Closes) BeijingWindow()
    {
        var opens = governance.Clock.GetUtcNow() + VotingClient.Notice + TimeSpan.FromHours(1);
        var closes = opens + VotingClient.Window + TimeSpan.FromDays(1);
        string Written(DateTimeOffset instant) => instant.ToOffset(Beijing).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        DateTimeOffset Read(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
        var (opensAt, closesAt) = (Written(opens), Written(closes));
        return (opensAt, closesAt, Read(opensAt), Read(closesAt));
    }

    private async Task<(DateTime OpensAt, DateTime ClosesAt)> Stored(Guid proposalId)
    {
        async Task<DateTime> Column(string column) => (DateTime)(await Sql.ScalarAsync(governance.Host.DatabaseConnectionString,
            $"SELECT {column} AT TIME ZONE 'UTC' FROM proposals WHERE id = '{proposalId}'"))!;
        return (await Column("opens_at"), await Column("closes_at"));
    }

    [Fact]
    public async Task A_vote_window_written_with_a_Beijing_offset_is_stored_as_the_same_instants_in_UTC()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        await _registry.Unit(community.Id, building.Id, (await _registry.Person()).Id, 80m);
        var window = BeijingWindow();

        var response = await governance.Client.PostAsJsonAsync($"/api/governance/v1/communities/{community.Id}/proposals", new
        {
            matter = "OtherMajorMatter", title = "增设充电桩", text = "在公共区域增设充电桩。", opensAt = window.OpensAt, closesAt = window.ClosesAt,
        });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var proposal = (await response.Content.ReadFromJsonAsync<ProposalResponse>(RegistryClient.Json))!;
        Assert.Equal((window.Opens.UtcDateTime, window.Closes.UtcDateTime), await Stored(proposal.Id));
        Assert.Equal(TimeSpan.Zero, proposal.ClosesAt.Offset);
    }

    [Fact]
    public async Task A_committee_election_window_written_with_a_Beijing_offset_is_stored_as_the_same_instants_in_UTC()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var owners = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var owner = await _registry.Person();
            await _registry.Unit(community.Id, building.Id, owner.Id, 80m);
            owners.Add(owner.Id);
        }

        var window = BeijingWindow();

        var response = await governance.Client.PostAsJsonAsync($"/api/governance/v1/communities/{community.Id}/committee-elections", new
        {
            title = "选举第一届业主委员会", seats = 5, termYears = 5, candidateOwnerIds = owners, opensAt = window.OpensAt, closesAt = window.ClosesAt,
        });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var election = (await response.Content.ReadFromJsonAsync<CommitteeElectionResponse>(RegistryClient.Json))!;
        Assert.Equal((window.Opens.UtcDateTime, window.Closes.UtcDateTime), await Stored(election.ProposalId));
    }
}
