using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Voting;
using StackExchange.Redis;

namespace Platform.Governance.Api.Voting;

/// <summary>
/// Running figures of a vote in Redis, fed by <see cref="BallotsSealed"/> events. Each voter's last applied
/// ballot position is kept beside the figures and a run of ballots is applied by one script, so a redelivered,
/// repeated or late older ballot changes nothing, and replaying PostgreSQL's last ballots rebuilds the same figures.
/// PostgreSQL stays the record: the decision is always recounted from it.
/// </summary>
public sealed class LiveTally(IConnectionMultiplexer redis, TimeProvider time)
{
    // KEYS: figures, voters. ARGV: for each ballot in chain order, voter, position, choice, area (hundredths).
    private const string ApplyScript = """
        for i = 1, #ARGV, 4 do
          local voter, position, choice, area = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2], tonumber(ARGV[i + 3])
          local previous = redis.call('HGET', KEYS[2], voter)
          local separator = previous and string.find(previous, '|', 1, true)
          if not previous or tonumber(string.sub(previous, 1, separator - 1)) < position then
            if previous then
              local before = string.sub(previous, separator + 1)
              redis.call('HINCRBY', KEYS[1], before .. ':heads', -1)
              redis.call('HINCRBY', KEYS[1], before .. ':area', -area)
            else
              redis.call('HINCRBY', KEYS[1], 'participating:heads', 1)
              redis.call('HINCRBY', KEYS[1], 'participating:area', area)
            end
            redis.call('HINCRBY', KEYS[1], choice .. ':heads', 1)
            redis.call('HINCRBY', KEYS[1], choice .. ':area', area)
            redis.call('HSET', KEYS[2], voter, position .. '|' .. choice)
          end
        end
        return 0
        """;

    /// <summary>Applies each ballot in order unless the voter's tally already holds it or a later one.</summary>
    public Task ApplyAsync(BallotsSealed sealedBallots) =>
        redis.GetDatabase().ScriptEvaluateAsync(ApplyScript,
            [FiguresKey(sealedBallots.ProposalId), VotersKey(sealedBallots.ProposalId)],
            [.. sealedBallots.Ballots.SelectMany(ballot => new RedisValue[] { ballot.VoterId, ballot.Position, ballot.Choice, ballot.AreaHundredths })]);

    /// <summary>The figures as Redis holds them, rebuilt from PostgreSQL's ballots first when Redis has none (flushed, or a new node).</summary>
    public async Task<Tally> ReadAsync(GovernanceDbContext db, Guid proposalId, CancellationToken cancellationToken)
    {
        var electorate = await db.ElectorateMembers.IgnoreQueryFilters().Where(m => m.ProposalId == proposalId)
            .GroupBy(m => m.ProposalId)
            .Select(g => new { Heads = (long)g.Count(), Area = g.Sum(m => m.AreaHundredths) })
            .SingleAsync(cancellationToken);
        var figures = await redis.GetDatabase().HashGetAllAsync(FiguresKey(proposalId));
        if (figures.Length == 0)
        {
            await RebuildAsync(db, proposalId, cancellationToken);
            figures = await redis.GetDatabase().HashGetAllAsync(FiguresKey(proposalId));
        }

        var values = figures.ToDictionary(entry => entry.Name.ToString(), entry => (long)entry.Value);
        long Of(string field) => values.GetValueOrDefault(field);
        return new Tally(electorate.Heads, electorate.Area, Of("participating:heads"), Of("participating:area"),
            Of($"{Choice.Agree}:heads"), Of($"{Choice.Agree}:area"), Of($"{Choice.Disagree}:heads"), Of($"{Choice.Abstain}:heads"));
    }

    /// <summary>Replays each voter's last ballot from PostgreSQL through the same script (safe beside live updates).</summary>
    public async Task RebuildAsync(GovernanceDbContext db, Guid proposalId, CancellationToken cancellationToken)
    {
        var lastBallots = await (
            from ballot in db.Ballots.IgnoreQueryFilters()
            where ballot.ProposalId == proposalId && ballot.Position != null
                  && ballot.Position == db.Ballots.IgnoreQueryFilters().Where(b => b.ProposalId == proposalId && b.VoterId == ballot.VoterId).Max(b => b.Position)
            join member in db.ElectorateMembers.IgnoreQueryFilters() on new { ballot.ProposalId, ballot.VoterId } equals new { member.ProposalId, member.VoterId }
            select new { ballot.VoterId, ballot.Position, ballot.Choice, member.AreaHundredths }).ToListAsync(cancellationToken);
        foreach (var run in BallotSealer.Runs(proposalId,
                     lastBallots.Select(b => new SealedBallot(b.Position!.Value, b.VoterId, b.AreaHundredths, b.Choice.ToString())), time.GetUtcNow()))
        {
            await ApplyAsync(run);
        }
    }

    private static RedisKey FiguresKey(Guid proposalId) => $"governance:tally:{{{proposalId}}}";

    private static RedisKey VotersKey(Guid proposalId) => $"governance:tally:{{{proposalId}}}:voters";
}
