using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Events;
using Platform.TestKit;
using StackExchange.Redis;

namespace Platform.Governance.Tests;

/// <summary>
/// The live tally when Redis loses what it held (a restart without persistence, an evicted key, FLUSHDB) or goes back
/// to an older copy (a restart from a snapshot): the next read answers what PostgreSQL recounts. The shared Redis is
/// never restarted here; each test deletes or rewinds only its own proposals' keys under governance's prefix.
/// </summary>
public sealed class LiveTallyRecoveryTests(GovernanceHost governance) : IClassFixture<GovernanceHost>
{
    private static readonly string[] Choices = ["Agree", "Disagree", "Abstain"];
    private readonly RegistryClient _registry = new(governance.Client);
    private readonly VotingClient _voting = new(governance.Host, governance.Client, governance.Clock);

    private IConnectionMultiplexer Redis => governance.Host.Services.GetRequiredService<IConnectionMultiplexer>();

    [Fact]
    public async Task The_live_tally_equals_the_recount_after_redis_lost_the_proposals_keys_mid_vote()
    {
        var (proposalId, owners) = await OpenVote(12);
        for (var i = 0; i < 6; i++)
        {
            await _voting.Voted(proposalId, owners[i], Choices[i % 3]);
        }

        await _voting.LiveTallyMatchesRecount(proposalId);

        await ForgetTallies(proposalId);
        // After the loss: three voters change their minds and three vote for the first time, each applied before the next.
        foreach (var (owner, i) in owners.Skip(3).Take(6).Select((owner, i) => (owner, i)))
        {
            await CastAndApply(proposalId, owner, Choices[(i + 1) % 3]);
        }

        await LiveEqualsRecountOnce(proposalId);
    }

    [Fact]
    public async Task Ballots_cast_while_the_tally_is_lost_and_rebuilt_end_equal_to_the_recount_in_every_round()
    {
        var (proposalId, owners) = await OpenVote(16);
        for (var round = 0; round < 20; round++)
        {
            var casting = owners.Select((owner, i) => _voting.Voted(proposalId, owner, Choices[(i + round) % 3])).ToList();
            // While the ballots commit, are sealed and applied: the keys vanish and reads rebuild them, again and again.
            var losing = Task.Run(async () =>
            {
                for (var i = 0; i < 4; i++)
                {
                    await ForgetTallies([proposalId], mayBeGone: true);
                    await _voting.Live(proposalId);
                }
            });
            await Task.WhenAll([.. casting, losing]);

            await LiveEqualsRecountOnce(proposalId, $"round {round}");
        }
    }

    [Fact]
    public async Task Every_proposal_reads_its_recount_after_all_their_keys_are_flushed()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var owners = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var owner = await _registry.Person();
            await _registry.Unit(community.Id, building.Id, owner.Id, 60m + i);
            owners.Add(owner.Id);
        }

        var proposals = new List<Guid>();
        for (var p = 0; p < 3; p++)
        {
            proposals.Add((await _voting.Open(community.Id, startVoting: false)).Id);
        }

        // All three open at once: the clock moves to the latest opening, well inside each window.
        _voting.MoveClockTo((await _voting.Get(proposals[^1])).OpensAt);

        foreach (var (proposalId, p) in proposals.Select((id, p) => (id, p)))
        {
            for (var i = 0; i < 4; i++)
            {
                await _voting.Voted(proposalId, owners[i], Choices[(i + p) % 3]);
            }

            await _voting.LiveTallyMatchesRecount(proposalId);
        }

        await ForgetTallies([.. proposals]);
        foreach (var (proposalId, p) in proposals.Select((id, p) => (id, p)))
        {
            await CastAndApply(proposalId, owners[2], Choices[(p + 1) % 3]);
            await CastAndApply(proposalId, owners[5], Choices[p % 3]);
        }

        foreach (var proposalId in proposals)
        {
            await LiveEqualsRecountOnce(proposalId);
        }
    }

    [Fact]
    public async Task A_tally_restored_from_an_older_copy_catches_up_with_the_recount()
    {
        var (proposalId, owners) = await OpenVote(8);
        for (var i = 0; i < 4; i++)
        {
            await _voting.Voted(proposalId, owners[i], "Agree");
        }

        await _voting.LiveTallyMatchesRecount(proposalId);
        var copies = await CopyTallies(proposalId);

        await CastAndApply(proposalId, owners[0], "Disagree");
        await CastAndApply(proposalId, owners[6], "Abstain");
        // As Redis restarting from a snapshot taken before those two ballots: the keys are back as they were, their events gone.
        var database = Redis.GetDatabase();
        foreach (var (key, copy) in copies)
        {
            Assert.True(await database.KeyCopyAsync(copy, key, replace: true));
            await database.KeyDeleteAsync(copy);
        }

        await LiveEqualsRecountOnce(proposalId);
    }

    private async Task<(Guid ProposalId, List<Guid> Owners)> OpenVote(int owners)
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var ids = new List<Guid>();
        for (var i = 0; i < owners; i++)
        {
            var owner = await _registry.Person();
            await _registry.Unit(community.Id, building.Id, owner.Id, 40m + i * 3.5m);
            ids.Add(owner.Id);
        }

        return ((await _voting.Open(community.Id)).Id, ids);
    }

    /// <summary>Casts one ballot and waits until the sealer chained it and the tally's consumer handled its event.</summary>
    private async Task CastAndApply(Guid proposalId, Guid owner, string choice)
    {
        var bus = governance.Host.Services.GetRequiredService<IBus>();
        var consumed = new ConsumedCounter<BallotsSealed>();
        using var observing = bus.ConnectConsumeObserver(consumed);
        await _voting.Voted(proposalId, owner, choice);
        await Eventually.Until(() => Task.FromResult(consumed.Count >= 1), TimeSpan.FromSeconds(30), "the ballot's event is applied");
    }

    /// <summary>Once every ballot is sealed, one read of the live tally (no waiting for events) equals the recount.</summary>
    private async Task LiveEqualsRecountOnce(Guid proposalId, string when = "")
    {
        await Eventually.Until(async () => await Sql.CountAsync(governance.Host.DatabaseConnectionString, "ballots",
            $"proposal_id = '{proposalId}' AND hash IS NULL") == 0, TimeSpan.FromSeconds(30), "every ballot is sealed");
        var live = await _voting.Live(proposalId);
        var recount = (await _voting.Get(proposalId)).Tally;
        Assert.True(recount == live.Tally, $"{when} live ({live.Source}) {live.Tally} != recount {recount}");
    }

    /// <summary>Deletes every key of these proposals under governance's prefix, as a restart without persistence would.</summary>
    private Task ForgetTallies(params Guid[] proposalIds) => ForgetTallies(proposalIds, mayBeGone: false);

    private async Task ForgetTallies(Guid[] proposalIds, bool mayBeGone)
    {
        var database = Redis.GetDatabase();
        foreach (var proposalId in proposalIds)
        {
            var keys = await KeysOf(proposalId);
            Assert.True(mayBeGone || keys.Count > 0, $"proposal {proposalId} has tally keys to lose");
            await database.KeyDeleteAsync([.. keys]);
        }
    }

    /// <summary>Copies each key of the proposal aside (under governance's prefix); returns key → copy.</summary>
    private async Task<List<(RedisKey Key, RedisKey Copy)>> CopyTallies(Guid proposalId)
    {
        var database = Redis.GetDatabase();
        var copies = new List<(RedisKey, RedisKey)>();
        foreach (var key in await KeysOf(proposalId))
        {
            RedisKey copy = $"governance:test-copy:{Guid.NewGuid()}";
            Assert.True(await database.KeyCopyAsync(key, copy));
            copies.Add((key, copy));
        }

        Assert.NotEmpty(copies);
        return copies;
    }

    private async Task<List<RedisKey>> KeysOf(Guid proposalId)
    {
        var keys = new List<RedisKey>();
        foreach (var endpoint in Redis.GetEndPoints())
        {
            await foreach (var key in Redis.GetServer(endpoint).KeysAsync(pattern: $"governance:*{proposalId}*", pageSize: 1000))
            {
                keys.Add(key);
            }
        }

        return keys;
    }
}
