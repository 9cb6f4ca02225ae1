using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Voting;
using StackExchange.Redis;

namespace Platform.Governance.Api.Voting;

/// <summary>
/// Running figures of a vote in Redis, fed by <see cref="BallotCast"/> events. Each voter's last applied
/// ballot position is kept beside the figures and the update is one script, so a redelivered, repeated or
/// late older ballot changes nothing, and replaying PostgreSQL's last ballots rebuilds the same figures.
/// PostgreSQL stays the record: the decision is always recounted from it.
/// </summary>
public sealed class LiveTally(IConnectionMultiplexer redis)
{
    // KEYS: figures, voters. ARGV: voter, position, choice, area (hundredths).
    private const string ApplyScript = """
        local previous = redis.call('HGET', KEYS[2], ARGV[1])
        local position = tonumber(ARGV[2])
        local area = tonumber(ARGV[4])
        if previous then
          local separator = string.find(previous, '|', 1, true)
          if tonumber(string.sub(previous, 1, separator - 1)) >= position then
            return 0
          end
          local choice = string.sub(previous, separator + 1)
          redis.call('HINCRBY', KEYS[1], choice .. ':heads', -1)
          redis.call('HINCRBY', KEYS[1], choice .. ':area', -area)
        else
          redis.call('HINCRBY', KEYS[1], 'participating:heads', 1)
          redis.call('HINCRBY', KEYS[1], 'participating:area', area)
        end
        redis.call('HINCRBY', KEYS[1], ARGV[3] .. ':heads', 1)
        redis.call('HINCRBY', KEYS[1], ARGV[3] .. ':area', area)
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
        return 1
        """;

    /// <summary>Applies a ballot unless the voter's tally already holds it or a later one; true if it changed the figures.</summary>
    public async Task<bool> ApplyAsync(BallotCast ballot)
    {
        var applied = await redis.GetDatabase().ScriptEvaluateAsync(ApplyScript,
            [FiguresKey(ballot.ProposalId), VotersKey(ballot.ProposalId)],
            [ballot.VoterId, ballot.Sequence, ballot.Choice, ballot.AreaHundredths]);
        return (long)applied == 1;
    }

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
            select new { ballot.VoterId, ballot.Position, ballot.Choice, ballot.CastAt, member.AreaHundredths }).ToListAsync(cancellationToken);
        foreach (var ballot in lastBallots)
        {
            await ApplyAsync(new BallotCast(proposalId, ballot.Position!.Value, ballot.VoterId, ballot.AreaHundredths, ballot.Choice.ToString(), ballot.CastAt));
        }
    }

    private static RedisKey FiguresKey(Guid proposalId) => $"governance:tally:{{{proposalId}}}";

    private static RedisKey VotersKey(Guid proposalId) => $"governance:tally:{{{proposalId}}}:voters";
}
