using System.Net;
using System.Net.Http.Json;
using Platform.Governance.Api.Committees;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>Owners' committees come from a passed matter-3 vote; until then the community acts as the committee.</summary>
public sealed class CommitteeTests(GovernanceHost governance) : IClassFixture<GovernanceHost>
{
    private readonly RegistryClient _registry = new(governance.Client);
    private readonly VotingClient _voting = new(governance.Host, governance.Client, governance.Clock);

    private Task<long> Count(string table, string where = "true") => Sql.CountAsync(governance.Host.DatabaseConnectionString, table, where);

    private async Task<(Guid Community, List<Guid> Owners)> CommunityWithOwners(int count)
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var owners = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var owner = await _registry.Person();
            await _registry.Unit(community.Id, building.Id, owner.Id, 80m);
            owners.Add(owner.Id);
        }

        return (community.Id, owners);
    }

    private async Task<CommunityCommitteesResponse> Committees(Guid communityId) =>
        (await governance.Client.GetFromJsonAsync<CommunityCommitteesResponse>($"/api/governance/v1/communities/{communityId}/committees", RegistryClient.Json))!;

    [Fact]
    public async Task A_passed_slate_forms_the_owners_committee_which_then_replaces_the_community_as_acting_committee()
    {
        var (community, owners) = await CommunityWithOwners(6);
        Assert.Equal("Community", (await Committees(community)).ActingAsOwnersCommittee);

        var opensAt = governance.Clock.GetUtcNow() + VotingClient.Notice;
        var response = await governance.Client.PostAsJsonAsync($"/api/governance/v1/communities/{community}/committee-elections", new
        {
            title = "选举第一届业主委员会", seats = 5, termYears = 5, candidateOwnerIds = owners.Take(5), opensAt, closesAt = opensAt + VotingClient.Window,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var election = (await response.Content.ReadFromJsonAsync<CommitteeElectionResponse>(RegistryClient.Json))!;
        _voting.MoveClockTo(opensAt);
        foreach (var owner in owners.Take(5))
        {
            await _voting.Voted(election.ProposalId, owner, "Agree");
        }

        Assert.True((await _voting.Decided(election.ProposalId)).Decision!.Passed);
        await Eventually.Until(async () => (await Committees(community)).OwnersCommittee is not null, TimeSpan.FromSeconds(30), "the committee is formed");
        var committees = await Committees(community);
        Assert.Equal("OwnersCommittee", committees.ActingAsOwnersCommittee);
        var committee = committees.OwnersCommittee!;
        Assert.Equal(owners.Take(5).Order(), committee.Members.Select(m => m.OwnerId!.Value).Order());
        Assert.Equal(committee.TermStart.AddYears(5), committee.TermEnd);
        Assert.Equal(election.ProposalId, committee.ElectedByProposalId);
        Assert.Equal(1, await Count("outbox_messages", $"type = 'Platform.Contracts.Events.OwnersCommitteeElected' AND payload->>'communityId' = '{community}'"));

        var chair = committee.Members[0];
        var roles = $"/api/governance/v1/committees/{committee.Id}/members";
        Assert.Equal(HttpStatusCode.OK, (await governance.Client.PutAsJsonAsync($"{roles}/{chair.Id}/role", new { role = "Chair" })).StatusCode);
        var second = await governance.Client.PutAsJsonAsync($"{roles}/{committee.Members[1].Id}/role", new { role = "Chair" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.EndsWith("chair_taken", (await ProblemResponse.ReadAsync(second)).Type);
        Assert.Equal(CommitteeRole.Chair, (await Committees(community)).OwnersCommittee!.Members.Single(m => m.Id == chair.Id).Role);
    }

    [Fact]
    public async Task An_opened_election_is_audited_once_as_the_election_with_its_vote_in_the_same_command()
    {
        var (community, owners) = await CommunityWithOwners(5);
        var opensAt = governance.Clock.GetUtcNow() + VotingClient.Notice;
        var response = await governance.Client.PostAsJsonAsync($"/api/governance/v1/communities/{community}/committee-elections", new
        {
            title = "选举业主委员会", seats = 5, termYears = 5, candidateOwnerIds = owners, opensAt, closesAt = opensAt + VotingClient.Window,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var election = (await response.Content.ReadFromJsonAsync<CommitteeElectionResponse>(RegistryClient.Json))!;
        Assert.Equal(1, await Count("proposals", $"id = '{election.ProposalId}' AND reference = 'governance:committee-election:{election.Id}'"));
        Assert.Equal(5, await Count("electorate_members", $"proposal_id = '{election.ProposalId}'"));
        Assert.Equal(1, await Count("audit_entries", $"action = 'OpenCommitteeElection' AND target LIKE '%/committee-elections/{election.Id}'"));
        Assert.Equal(0, await Count("audit_entries", $"target LIKE '%/proposals/{election.ProposalId}'"));
    }

    public static TheoryData<int, int, string, string> RefusedElectionWindows => new()
    {
        { 1, 7, "opensAt", "15" },
        { 15, 2, "closesAt", "7" },
        { 15, 91, "closesAt", "90" },
    };

    [Theory]
    [MemberData(nameof(RefusedElectionWindows))]
    public async Task An_election_whose_vote_the_rule_set_refuses_is_a_400_naming_the_window_field_and_writes_nothing(
        int noticeDays, int windowDays, string field, string days)
    {
        var (community, owners) = await CommunityWithOwners(5);
        var before = await Count("proposals") + await Count("committee_elections") + await Count("electorate_members");
        var audited = await Count("audit_entries");
        var opensAt = governance.Clock.GetUtcNow() + TimeSpan.FromDays(noticeDays);
        var response = await governance.Client.PostAsJsonAsync($"/api/governance/v1/communities/{community}/committee-elections", new
        {
            title = "选举业主委员会", seats = 5, termYears = 5, candidateOwnerIds = owners, opensAt, closesAt = opensAt + TimeSpan.FromDays(windowDays),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(Platform.BuildingBlocks.Errors.ProblemTypes.Validation, problem.Type);
        Assert.Contains(days, Assert.Single(problem.Errors![field]));
        Assert.Equal(before, await Count("proposals") + await Count("committee_elections") + await Count("electorate_members"));
        Assert.Equal(audited, await Count("audit_entries"));
    }

    [Fact]
    public async Task A_rejected_slate_forms_nothing_and_the_community_keeps_acting()
    {
        var (community, owners) = await CommunityWithOwners(6);
        var opensAt = governance.Clock.GetUtcNow() + VotingClient.Notice;
        var response = await governance.Client.PostAsJsonAsync($"/api/governance/v1/communities/{community}/committee-elections", new
        {
            title = "选举业主委员会", seats = 5, termYears = 3, candidateOwnerIds = owners.Take(5), opensAt, closesAt = opensAt + VotingClient.Window,
        });
        var election = (await response.Content.ReadFromJsonAsync<CommitteeElectionResponse>(RegistryClient.Json))!;
        _voting.MoveClockTo(opensAt);
        await _voting.Voted(election.ProposalId, owners[0], "Agree");

        Assert.False((await _voting.Decided(election.ProposalId)).Decision!.Passed);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal("Community", (await Committees(community)).ActingAsOwnersCommittee);
        Assert.Equal(0, await Count("committees", $"community_id = '{community}'"));
    }

    [Fact]
    public async Task A_supervisory_committee_may_include_residents_who_are_not_owners()
    {
        var (community, owners) = await CommunityWithOwners(2);
        var response = await governance.Client.PostAsJsonAsync($"/api/governance/v1/communities/{community}/supervisory-committees", new
        {
            termStart = "2026-01-01", termEnd = "2029-01-01",
            members = new object[]
            {
                new { name = "李四", ownerId = owners[0], role = "Chair" },
                new { name = "王五", ownerId = owners[1], role = "Member" },
                new { name = "赵六（租户）", role = "Member" },
            },
        });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var supervisory = (await Committees(community)).SupervisoryCommittee!;
        Assert.Equal(CommitteeKind.Supervisory, supervisory.Kind);
        Assert.Equal(2, supervisory.Members.Count(m => m.IsOwner));
        Assert.Single(supervisory.Members, m => !m.IsOwner && m.Name == "赵六（租户）");
        Assert.Equal("Community", (await Committees(community)).ActingAsOwnersCommittee);
    }

    public static TheoryData<string, string> BadElections => new()
    {
        { """{"title":"T","seats":4,"termYears":5,"candidateOwnerIds":["{0}","{1}","{2}","{3}"],"closesAt":"2030-01-01T00:00:00Z"}""", "seats" },
        { """{"title":"T","seats":5,"termYears":5,"candidateOwnerIds":["{0}","{1}","{2}","{3}"],"closesAt":"2030-01-01T00:00:00Z"}""", "candidateOwnerIds" },
        { """{"title":"T","seats":5,"termYears":5,"candidateOwnerIds":["{0}","{0}","{1}","{2}","{3}"],"closesAt":"2030-01-01T00:00:00Z"}""", "candidateOwnerIds" },
        { """{"title":"T","seats":5,"termYears":6,"candidateOwnerIds":["{0}","{1}","{2}","{3}","{4}"],"closesAt":"2030-01-01T00:00:00Z"}""", "termYears" },
        { """{"title":"T","seats":5,"termYears":5,"candidateOwnerIds":["{0}","{1}","{2}","{3}","00000000-0000-0000-0000-000000000009"],"closesAt":"2030-01-01T00:00:00Z"}""", "candidateOwnerIds" },
        { """{"title":"T","seats":5,"termYears":5,"candidateOwnerIds":["{0}","{1}","{2}","{3}","{4}"]}""", "closesAt" },
    };

    [Theory]
    [MemberData(nameof(BadElections))]
    public async Task A_bad_election_is_a_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var (community, owners) = await CommunityWithOwners(5);
        for (var i = 0; i < owners.Count; i++)
        {
            body = body.Replace($"{{{i}}}", owners[i].ToString());
        }

        var before = await Count("proposals") + await Count("committee_elections") + await Count("electorate_members");
        var response = await governance.Client.PostAsync($"/api/governance/v1/communities/{community}/committee-elections",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        Assert.Equal(before, await Count("proposals") + await Count("committee_elections") + await Count("electorate_members"));
    }
}
