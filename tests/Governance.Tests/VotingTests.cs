using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts.Events;
using Platform.Governance.Api.Voting;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>E-voting against a real governance host: the electorate, ballots, the live tally and the decision.</summary>
public sealed class VotingTests(GovernanceHost governance) : IClassFixture<GovernanceHost>
{
    private readonly RegistryClient _registry = new(governance.Client);
    private readonly VotingClient _voting = new(governance.Host, governance.Client, governance.Clock);

    private Task<long> Count(string table, string where = "true") => Sql.CountAsync(governance.Host.DatabaseConnectionString, table, where);

    [Fact]
    public async Task An_owner_with_three_units_counts_once_in_headcount_and_three_times_in_area()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var many = await _registry.Person();
        var one = await _registry.Person();
        foreach (var area in new[] { 80.25m, 95.50m, 120.00m })
        {
            await _registry.Unit(community.Id, building.Id, many.Id, area);
        }

        await _registry.Unit(community.Id, building.Id, one.Id, 60m);
        var proposal = await _voting.Open(community.Id);

        await _voting.Voted(proposal.Id, many.Id, "Agree");

        var tally = (await _voting.Get(proposal.Id)).Tally;
        Assert.Equal(2, tally.ElectorateHeadcount);
        Assert.Equal(355.75m, tally.ElectorateArea);
        Assert.Equal(1, tally.AgreeHeadcount);
        Assert.Equal(295.75m, tally.AgreeArea);
        await _voting.LiveTallyMatchesRecount(proposal.Id);
    }

    [Fact]
    public async Task The_developers_unsold_units_count_together_as_one_owner()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var developer = await _registry.Developer();
        var owner = await _registry.Person();
        for (var i = 0; i < 4; i++)
        {
            await _registry.Unit(community.Id, building.Id, developer.Id, 100m);
        }

        await _registry.Unit(community.Id, building.Id, owner.Id, 100m);
        var proposal = await _voting.Open(community.Id);

        await _voting.Voted(proposal.Id, developer.Id, "Disagree");

        var tally = (await _voting.Get(proposal.Id)).Tally;
        Assert.Equal(2, tally.ElectorateHeadcount);
        Assert.Equal(500m, tally.ElectorateArea);
        Assert.Equal(400m, tally.ParticipatingArea);
        Assert.Equal(1, tally.DisagreeHeadcount);
    }

    [Fact]
    public async Task Two_developers_in_one_community_are_two_voters_each_with_their_own_units()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var first = await _registry.Developer();
        var second = await _registry.Developer();
        var owner = await _registry.Person();
        for (var i = 0; i < 3; i++)
        {
            await _registry.Unit(community.Id, building.Id, first.Id, 100m);
        }

        await _registry.Unit(community.Id, building.Id, second.Id, 50m);
        await _registry.Unit(community.Id, building.Id, second.Id, 50m);
        await _registry.Unit(community.Id, building.Id, owner.Id, 100m);
        var proposal = await _voting.Open(community.Id);

        await _voting.Voted(proposal.Id, first.Id, "Agree");
        await _voting.Voted(proposal.Id, second.Id, "Disagree");

        var tally = (await _voting.Get(proposal.Id)).Tally;
        Assert.Equal((3L, 500m), (tally.ElectorateHeadcount, tally.ElectorateArea));
        Assert.Equal((2L, 400m), (tally.ParticipatingHeadcount, tally.ParticipatingArea));
        Assert.Equal((1L, 300m, 1L), (tally.AgreeHeadcount, tally.AgreeArea, tally.DisagreeHeadcount));
        await _voting.LiveTallyMatchesRecount(proposal.Id);
    }

    [Fact]
    public async Task Only_the_developer_owning_units_in_scope_casts_its_ballot_and_other_developers_get_403_or_404()
    {
        var community = await _registry.Community();
        var inScope = await _registry.Building(community.Id);
        var outOfScope = await _registry.Building(community.Id);
        var developer = await _registry.Developer();
        var neighbour = await _registry.Developer();
        var foreign = await _registry.Developer();
        var ownsNothing = await _registry.Developer();
        await _registry.Unit(community.Id, inScope.Id, developer.Id, 100m);
        await _registry.Unit(community.Id, inScope.Id, developer.Id, 100m);
        await _registry.Unit(community.Id, outOfScope.Id, neighbour.Id, 100m);
        var elsewhere = await _registry.Community();
        await _registry.Unit(elsewhere.Id, (await _registry.Building(elsewhere.Id)).Id, foreign.Id, 100m);
        var proposal = await _voting.Open(community.Id, scope: new { buildingIds = new[] { inScope.Id } });

        var sameCommunity = await _voting.Cast(proposal.Id, neighbour.Id, "Disagree");
        Assert.Equal(HttpStatusCode.Forbidden, sameCommunity.StatusCode);
        Assert.EndsWith("not_in_electorate", (await ProblemResponse.ReadAsync(sameCommunity)).Type);
        Assert.Equal(HttpStatusCode.NotFound, (await _voting.Cast(proposal.Id, foreign.Id, "Disagree")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _voting.Cast(proposal.Id, ownsNothing.Id, "Disagree")).StatusCode);
        Assert.Equal(0, await Count("ballots", $"proposal_id = '{proposal.Id}'"));

        await _voting.Voted(proposal.Id, developer.Id, "Agree");
        var tally = (await _voting.Get(proposal.Id)).Tally;
        Assert.Equal((1L, 1L, 200m, 200m), (tally.ElectorateHeadcount, tally.AgreeHeadcount, tally.AgreeArea, tally.ElectorateArea));
        Assert.Equal(1, await Count("ballots", $"proposal_id = '{proposal.Id}' AND voter_id = '{developer.Id}' AND cast_by_owner_id = '{developer.Id}'"));
    }

    [Fact]
    public async Task A_transfer_after_voting_opened_does_not_change_the_electorate()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var seller = await _registry.Person();
        var buyer = await _registry.Person();
        var unit = await _registry.Unit(community.Id, building.Id, seller.Id, 88m);
        var proposal = await _voting.Open(community.Id);

        var transfer = await governance.Client.PostAsJsonAsync($"/api/governance/v1/units/{unit.Id}/ownership-transfers",
            new { fromOwnerId = seller.Id, newOwnerId = buyer.Id, transferDate = governance.Clock.Today });
        Assert.True(transfer.IsSuccessStatusCode, await transfer.Content.ReadAsStringAsync());

        var refused = await _voting.Cast(proposal.Id, buyer.Id, "Agree");
        // The buyer now sees the community and its proposal, but was not an owner when voting opened.
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.EndsWith("not_in_electorate", (await ProblemResponse.ReadAsync(refused)).Type);
        await _voting.Voted(proposal.Id, seller.Id, "Agree");
        var tally = (await _voting.Get(proposal.Id)).Tally;
        Assert.Equal((1, 88m, 1, 88m), (tally.ElectorateHeadcount, tally.ElectorateArea, tally.AgreeHeadcount, tally.AgreeArea));
        Assert.Equal(1, await Count("electorate_members", $"proposal_id = '{proposal.Id}'"));
    }

    [Fact]
    public async Task A_changed_ballot_replaces_the_old_one_in_the_recount_and_the_live_tally()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var owner = await _registry.Person();
        await _registry.Unit(community.Id, building.Id, owner.Id, 70m);
        var proposal = await _voting.Open(community.Id);

        var first = await _voting.Voted(proposal.Id, owner.Id, "Agree");
        var second = await _voting.Voted(proposal.Id, owner.Id, "Disagree");

        // The sealer chains them in the order they were cast.
        await Eventually.Until(async () => await Count("ballots", $"proposal_id = '{proposal.Id}' AND hash IS NOT NULL") == 2, TimeSpan.FromSeconds(30), "both ballots sealed");
        Assert.Equal(1, await Count("ballots", $"id = '{first.BallotId}' AND position = 1 AND previous_hash = '{Platform.BuildingBlocks.Data.HashChain.Genesis}'"));
        Assert.Equal(1, await Count("ballots", $"id = '{second.BallotId}' AND position = 2"));
        var tally = (await _voting.Get(proposal.Id)).Tally;
        Assert.Equal((1L, 0L, 1L), (tally.ParticipatingHeadcount, tally.AgreeHeadcount, tally.DisagreeHeadcount));
        await _voting.LiveTallyMatchesRecount(proposal.Id);
        Assert.Equal(2, await Count("ballots", $"proposal_id = '{proposal.Id}'"));
    }

    [Fact]
    public async Task The_live_tally_equals_the_recount_after_a_burst_of_concurrent_ballots()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var owners = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            var owner = await _registry.Person();
            await _registry.Unit(community.Id, building.Id, owner.Id, 50m + i);
            owners.Add(owner.Id);
        }

        var proposal = await _voting.Open(community.Id);
        string[] choices = ["Agree", "Disagree", "Abstain"];
        var receipts = await Task.WhenAll(owners.SelectMany((owner, i) => Enumerable.Range(0, 1 + i % 3).Select(round => (owner, choice: choices[(i + round) % 3])))
            .Select(ballot => _voting.Voted(proposal.Id, ballot.owner, ballot.choice)));

        await _voting.LiveTallyMatchesRecount(proposal.Id);
        // Every receipt's ballot is on the chain once, at positions 1..n (unique), none left unsealed.
        Assert.Equal(receipts.Length, await Count("ballots",
            $"proposal_id = '{proposal.Id}' AND hash IS NOT NULL AND position BETWEEN 1 AND {receipts.Length} AND id IN ({string.Join(",", receipts.Select(r => $"'{r.BallotId}'"))})"));
        var tally = (await _voting.Live(proposal.Id)).Tally;
        Assert.Equal(30, tally.ParticipatingHeadcount);
        Assert.Equal(30, tally.AgreeHeadcount + tally.DisagreeHeadcount + tally.AbstainHeadcount);
    }

    [Fact]
    public async Task A_redelivered_or_stale_ballot_event_changes_the_live_tally_once_at_most()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var owner = await _registry.Person();
        await _registry.Unit(community.Id, building.Id, owner.Id, 70m);
        var proposal = await _voting.Open(community.Id);
        await _voting.Voted(proposal.Id, owner.Id, "Agree");
        await _voting.Voted(proposal.Id, owner.Id, "Disagree");
        await _voting.LiveTallyMatchesRecount(proposal.Id);

        // The tally's handler keeps no inbox row (it is idempotent by position), so the deliveries are counted as they are consumed.
        var bus = governance.Host.Services.GetRequiredService<IBus>();
        var consumed = new ConsumedCounter<BallotsSealed>();
        using var observing = bus.ConnectConsumeObserver(consumed);
        var messageId = NewId.NextGuid();
        var voter = owner.Id.ToString();
        var again = new BallotsSealed(proposal.Id, [new SealedBallot(2, voter, 7000, "Disagree")], DateTimeOffset.UtcNow);
        var stale = new BallotsSealed(proposal.Id, [new SealedBallot(1, voter, 7000, "Agree")], DateTimeOffset.UtcNow);
        var both = new BallotsSealed(proposal.Id, [new SealedBallot(1, voter, 7000, "Agree"), new SealedBallot(2, voter, 7000, "Disagree")], DateTimeOffset.UtcNow);
        await bus.Publish(again, context => context.MessageId = messageId);
        await bus.Publish(again, context => context.MessageId = messageId);
        await bus.Publish(again);
        await bus.Publish(stale);
        await bus.Publish(both);

        await Eventually.Until(() => Task.FromResult(consumed.Count >= 5), TimeSpan.FromSeconds(30), "the deliveries are handled");
        Assert.Equal(0, await Count("inbox_messages", "consumer = 'governance:BallotsSealed'"));
        var live = (await _voting.Live(proposal.Id)).Tally;
        Assert.Equal((await _voting.Get(proposal.Id)).Tally, live);
        Assert.Equal((1L, 0L, 1L, 70m), (live.ParticipatingHeadcount, live.AgreeHeadcount, live.DisagreeHeadcount, live.ParticipatingArea));
    }

    [Fact]
    public async Task A_run_holding_two_ballots_of_one_voter_counts_the_voter_once_with_the_later_choice()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var changing = await _registry.Person();
        var steady = await _registry.Person();
        await _registry.Unit(community.Id, building.Id, changing.Id, 70m);
        await _registry.Unit(community.Id, building.Id, steady.Id, 30m);
        var proposal = await _voting.Open(community.Id);

        // As the sealer emits it when a voter changed their choice before the sealer's pass: both ballots in one run.
        var bus = governance.Host.Services.GetRequiredService<IBus>();
        var consumed = new ConsumedCounter<BallotsSealed>();
        using var observing = bus.ConnectConsumeObserver(consumed);
        await bus.Publish(new BallotsSealed(proposal.Id,
        [
            new SealedBallot(1, changing.Id.ToString(), 7000, "Agree"),
            new SealedBallot(2, steady.Id.ToString(), 3000, "Agree"),
            new SealedBallot(3, changing.Id.ToString(), 7000, "Disagree"),
        ], DateTimeOffset.UtcNow));

        await Eventually.Until(() => Task.FromResult(consumed.Count >= 1), TimeSpan.FromSeconds(30), "the run is handled");
        var live = (await _voting.Live(proposal.Id)).Tally;
        Assert.Equal((2L, 100m), (live.ParticipatingHeadcount, live.ParticipatingArea));
        Assert.Equal((1L, 30m), (live.AgreeHeadcount, live.AgreeArea));
        Assert.Equal((1L, 0L), (live.DisagreeHeadcount, live.AbstainHeadcount));
    }

    [Fact]
    public async Task A_ballot_waits_while_the_closer_holds_its_proposals_ballot_lock_but_not_for_another_ballot()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var owners = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var owner = await _registry.Person();
            await _registry.Unit(community.Id, building.Id, owner.Id, 90m);
            owners.Add(owner.Id);
        }

        var proposal = await _voting.Open(community.Id);

        // The closer's side: the proposal's ballot lock held exclusively, as ProposalCloser holds it while it decides.
        await using (var closer = new NpgsqlConnection(governance.Host.DatabaseConnectionString))
        {
            await closer.OpenAsync();
            await using var transaction = await closer.BeginTransactionAsync();
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", closer, transaction))
            {
                take.Parameters.Add(new NpgsqlParameter { Value = BallotBox.BallotLock(proposal.Id) });
                await take.ExecuteNonQueryAsync();
            }

            var waiting = _voting.Cast(proposal.Id, owners[0], "Agree");
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(waiting.IsCompleted, "a ballot must wait for the closer");
            Assert.Equal(0, await Count("ballots", $"proposal_id = '{proposal.Id}'"));

            await transaction.RollbackAsync();
            Assert.Equal(HttpStatusCode.Created, (await waiting).StatusCode);
        }

        // A ballot still committing holds it shared, and another ballot does not wait for it.
        await using (var ballot = new NpgsqlConnection(governance.Host.DatabaseConnectionString))
        {
            await ballot.OpenAsync();
            await using var transaction = await ballot.BeginTransactionAsync();
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))", ballot, transaction))
            {
                take.Parameters.Add(new NpgsqlParameter { Value = BallotBox.BallotLock(proposal.Id) });
                await take.ExecuteNonQueryAsync();
            }

            var beside = _voting.Cast(proposal.Id, owners[1], "Disagree");
            Assert.Same(beside, await Task.WhenAny(beside, Task.Delay(TimeSpan.FromSeconds(10))));
            Assert.Equal(HttpStatusCode.Created, (await beside).StatusCode);
            await transaction.RollbackAsync();
        }

        Assert.Equal(2, await Count("ballots", $"proposal_id = '{proposal.Id}'"));
    }

    [Fact]
    public async Task At_close_the_result_is_decided_published_and_emitted_and_cannot_change()
    {
        var community = await _registry.Community();
        var buildings = new[] { await _registry.Building(community.Id), await _registry.Building(community.Id) };
        var voters = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var owner = await _registry.Person();
            await _registry.Unit(community.Id, buildings[i % 2].Id, owner.Id, 100m);
            voters.Add(owner.Id);
        }

        // Only building 1's owners share this repair.
        var proposal = await _voting.Open(community.Id, scope: new { buildingIds = new[] { buildings[0].Id } }, matter: "UseMaintenanceFunds",
            reference: "funds:repair-project:42", terms: new Dictionary<string, string> { ["budget"] = "120000.00" });
        Assert.Equal(VoteScopeKind.Buildings, proposal.ScopeKind);
        await _voting.Voted(proposal.Id, voters[0], "Agree");
        await _voting.Voted(proposal.Id, voters[2], "Agree");
        Assert.Equal(HttpStatusCode.Forbidden, (await _voting.Cast(proposal.Id, voters[1], "Agree")).StatusCode);

        var decided = await _voting.Decided(proposal.Id);
        Assert.True(decided.Decision!.Passed);
        Assert.Equal(2, decided.Decision.BallotCount);
        Assert.Equal(HttpStatusCode.Conflict, (await _voting.Cast(proposal.Id, voters[0], "Disagree")).StatusCode);

        using var anonymous = governance.Host.CreateHttpClient();
        var published = await anonymous.GetFromJsonAsync<PublishedVoteResult>($"/public/governance/v1/vote-results/{proposal.Id}", RegistryClient.Json);
        Assert.True(published!.Passed);
        Assert.Equal(("cn-civil-code-2021", 2L, 200m), (published.RuleSetId, published.Figures.AgreeHeadcount, published.Figures.AgreeArea));
        Assert.Equal(decided.Decision.BallotChainHead, published.BallotChainHead);
        var listed = await anonymous.GetFromJsonAsync<List<PublishedVoteResult>>($"/public/governance/v1/communities/{community.Id}/vote-results", RegistryClient.Json);
        Assert.Equal(proposal.Id, Assert.Single(listed!).ProposalId);

        Assert.Equal(1, await Count("outbox_messages",
            $"type = 'Platform.Contracts.Events.ResolutionPassed' AND payload->>'proposalId' = '{proposal.Id}' AND payload->>'matter' = 'UseMaintenanceFunds' " +
            $"AND payload->>'scopeKind' = 'Buildings' AND jsonb_array_length(payload->'scopeUnitIds') = 2 AND payload->>'reference' = 'funds:repair-project:42'"));

        // Closing again (another replica, a restart) decides nothing new; the record refuses edits.
        await governance.Host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ProposalCloser>().Single().CloseDueAsync(CancellationToken.None);
        Assert.Equal(1, await Count("proposal_results", $"proposal_id = '{proposal.Id}'"));
        Assert.Equal(1, await Count("outbox_messages", $"type LIKE 'Platform.Contracts.Events.Resolution%' AND payload->>'proposalId' = '{proposal.Id}'"));
        foreach (var statement in new[]
                 {
                     $"UPDATE proposal_results SET passed = false WHERE proposal_id = '{proposal.Id}'",
                     $"DELETE FROM proposal_results WHERE proposal_id = '{proposal.Id}'",
                     $"UPDATE ballots SET choice = 'Disagree' WHERE proposal_id = '{proposal.Id}'",
                     $"DELETE FROM electorate_members WHERE proposal_id = '{proposal.Id}'",
                 })
        {
            // The service's role may not (no right, or the trigger for the one sealing update it keeps), nor may the tables' owner.
            await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Sql.ExecuteAsync(governance.Host.DatabaseConnectionString, statement));
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(
                () => Sql.ExecuteAsync(governance.Host.OwnerConnectionString, statement));
            Assert.Contains("append-only", refused.MessageText);
        }

        Assert.True((await _voting.Get(proposal.Id)).Decision!.Passed);
    }

    [Fact]
    public async Task Without_a_quorum_the_proposal_is_rejected_and_says_so()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var owners = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var owner = await _registry.Person();
            await _registry.Unit(community.Id, building.Id, owner.Id, 100m);
            owners.Add(owner.Id);
        }

        var proposal = await _voting.Open(community.Id);
        await _voting.Voted(proposal.Id, owners[0], "Agree");

        var decided = await _voting.Decided(proposal.Id);
        Assert.False(decided.Decision!.QuorumMet);
        Assert.False(decided.Decision.Passed);
        Assert.Equal(1, await Count("outbox_messages",
            $"type = 'Platform.Contracts.Events.ResolutionRejected' AND payload->>'proposalId' = '{proposal.Id}' AND payload->>'quorumMet' = 'false'"));
    }

    [Fact]
    public async Task A_proposal_created_before_2021_is_decided_by_the_rule_set_in_force_when_it_was_created()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var owner = await _registry.Person();
        await _registry.Unit(community.Id, building.Id, owner.Id, 100m);
        var offset = governance.Clock.Offset;
        governance.Clock.Advance(new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero) - governance.Clock.GetUtcNow());
        try
        {
            var proposal = await _voting.Open(community.Id, matter: "RaiseMaintenanceFunds", window: TimeSpan.FromDays(30));

            Assert.Equal("cn-property-regulations-2018", proposal.RuleSetId);
            var decided = await _voting.Decided(proposal.Id);
            Assert.False(decided.Decision!.Passed);
            using var anonymous = governance.Host.CreateHttpClient();
            var published = await anonymous.GetFromJsonAsync<PublishedVoteResult>($"/public/governance/v1/vote-results/{proposal.Id}", RegistryClient.Json);
            Assert.Equal("cn-property-regulations-2018", published!.RuleSetId);
            Assert.Equal("none", published.Quorum.Split(',')[0].Replace("area ", ""));
        }
        finally
        {
            governance.Clock.Advance(offset - governance.Clock.Offset);
        }
    }

    [Fact]
    public async Task Votes_that_break_the_rules_are_refused_naming_the_reason_and_write_nothing()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var empty = await _registry.Building(community.Id);
        var owner = await _registry.Person();
        var stranger = await _registry.Person();
        await _registry.Unit(community.Id, building.Id, owner.Id, 90m);
        var past = await _voting.Open(community.Id);
        await _voting.Decided(past.Id);
        var later = await _voting.Open(community.Id, notice: TimeSpan.FromDays(60), startVoting: false);
        var open = await _voting.Open(community.Id, scope: new { unitIds = Array.Empty<Guid>().Append((await _registry.Unit(community.Id, building.Id, owner.Id)).Id) });
        await _registry.Unit(community.Id, building.Id, stranger.Id);
        var before = await Written();

        var noOwners = await governance.Client.PostAsJsonAsync($"/api/governance/v1/communities/{community.Id}/proposals",
            _voting.Body(scope: new { buildingIds = new[] { empty.Id } }), RegistryClient.Json);
        Assert.Equal(HttpStatusCode.BadRequest, noOwners.StatusCode);
        Assert.Contains("scope", (await ProblemResponse.ReadAsync(noOwners)).Errors!.Keys);

        foreach (var (proposal, voter, status, code) in new[]
                 {
                     (later.Id, owner.Id, HttpStatusCode.Conflict, "voting_not_open"),
                     (past.Id, owner.Id, HttpStatusCode.Conflict, "voting_not_open"),
                     (open.Id, stranger.Id, HttpStatusCode.Forbidden, "not_in_electorate"),
                 })
        {
            var response = await _voting.Cast(proposal, voter, "Agree");
            Assert.Equal(status, response.StatusCode);
            Assert.EndsWith(code, (await ProblemResponse.ReadAsync(response)).Type);
        }

        var unknownChoice = await _voting.Cast(open.Id, owner.Id, "Maybe");
        Assert.Equal(HttpStatusCode.BadRequest, unknownChoice.StatusCode);
        Assert.Contains("choice", (await ProblemResponse.ReadAsync(unknownChoice)).Errors!.Keys);
        Assert.Equal(before, await Written());
    }

    private async Task<long> Written() =>
        await Count("proposals") + await Count("electorate_members") + await Count("ballots") + await Count("outbox_messages") + await Count("audit_entries");
}

