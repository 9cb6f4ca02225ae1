using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Voting;
using StackExchange.Redis;

namespace Platform.Governance.Api.Voting;

/// <summary>
/// Running figures of a vote in Redis, fed by <see cref="BallotsSealed"/> events, checked against PostgreSQL on every read.
/// One hash per proposal holds the figures, each voter's last applied ballot position and a <em>watermark</em>: the chain
/// position up to which every ballot is reflected. A run of ballots is applied by one script that keeps each voter's
/// latest position (a redelivered, repeated or late older ballot changes nothing) and moves the watermark only when the
/// run joins it. A read compares the watermark with PostgreSQL's last sealed position (one index probe) and first applies
/// the ballots in between: after a lost key (restart without persistence, eviction, FLUSHDB) the watermark is gone and
/// the tally is rebuilt from every voter's last ballot, under a lock; after a rewind (restart from an older snapshot) or
/// a lost event only the missing positions are read. PostgreSQL stays the record: the decision is always recounted.
/// </summary>
public sealed class LiveTally(IConnectionMultiplexer redis, ILogger<LiveTally> logger)
{
    /// <summary>Ballots per script call, as per event (ADR-011): a rebuild of a large vote never blocks Redis long.</summary>
    public const int BallotsPerCall = BallotSealer.BallotsPerEvent;

    // KEYS: the tally. ARGV: the chain positions the ballots cover (from, to; to 0 when the call does not end a fill), a fill
    // token ('' for a single call) and '1' on a fill's first call, then per ballot in chain order voter, position, choice, area.
    // The watermark moves to `to` only if it already reached from - 1 and, for a fill of several calls, no loss or other
    // fill came in between (the token the first call left is still there). Returns the watermark after.
    private const string ApplyScript = """
        local from, to, token = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
        if token ~= '' and ARGV[4] == '1' then redis.call('HSET', KEYS[1], 'filling', token) end
        local watermark = tonumber(redis.call('HGET', KEYS[1], 'watermark') or '0')
        for i = 5, #ARGV, 4 do
          local voter, position, choice, area = 'voter:' .. ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2], tonumber(ARGV[i + 3])
          local previous = redis.call('HGET', KEYS[1], voter)
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
            redis.call('HSET', KEYS[1], voter, position .. '|' .. choice)
          end
        end
        if to > 0 then
          local intact = token == '' or redis.call('HGET', KEYS[1], 'filling') == token
          if intact and to > watermark and watermark >= from - 1 then
            redis.call('HSET', KEYS[1], 'watermark', to)
            watermark = to
          end
          if token ~= '' and intact then redis.call('HDEL', KEYS[1], 'filling') end
        end
        return watermark
        """;

    private static readonly RedisValue[] Fields =
    [
        "watermark", "participating:heads", "participating:area",
        $"{Choice.Agree}:heads", $"{Choice.Agree}:area", $"{Choice.Disagree}:heads", $"{Choice.Abstain}:heads",
    ];

    /// <summary>Applies one sealed run (consecutive positions) except where the tally holds the voter's ballot or a later one.</summary>
    public async Task ApplyAsync(BallotsSealed sealedBallots)
    {
        if (sealedBallots.Ballots.Count == 0)
        {
            return;
        }

        // The sealer's runs are consecutive positions; anything else is applied but never moves the watermark.
        var (from, to) = (sealedBallots.Ballots.Min(b => b.Position), sealedBallots.Ballots.Max(b => b.Position));
        var consecutive = to - from + 1 == sealedBallots.Ballots.Select(b => b.Position).Distinct().Count();
        await ApplyAsync(sealedBallots.ProposalId, sealedBallots.Ballots, from, consecutive ? to : 0, token: "", first: true);
    }

    /// <summary>
    /// The figures with every sealed ballot in PostgreSQL reflected (missing positions applied first), or null when
    /// another replica is rebuilding this tally from scratch or Redis kept losing it: the caller recounts instead.
    /// </summary>
    public async Task<Tally?> ReadAsync(GovernanceDbContext db, Guid proposalId, CancellationToken cancellationToken)
    {
        var electorate = await db.ElectorateMembers.IgnoreQueryFilters().Where(m => m.ProposalId == proposalId)
            .GroupBy(m => m.ProposalId)
            .Select(g => new { Heads = (long)g.Count(), Area = g.Sum(m => m.AreaHundredths) })
            .SingleAsync(cancellationToken);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // Positions are given in order under the sealer's lock and committed with their run, so all up to the last are visible.
            var sealedUpTo = await db.Ballots.IgnoreQueryFilters().Where(b => b.ProposalId == proposalId && b.Position != null)
                .MaxAsync(b => b.Position, cancellationToken) ?? 0;
            var figures = await redis.GetDatabase().HashGetAsync(TallyKey(proposalId), Fields);
            var watermark = (long)figures[0];
            if (watermark >= sealedUpTo)
            {
                long Of(int field) => (long)figures[field];
                return new Tally(electorate.Heads, electorate.Area, Of(1), Of(2), Of(3), Of(4), Of(5), Of(6));
            }

            if (!await CatchUpAsync(db, proposalId, watermark, sealedUpTo, cancellationToken))
            {
                return null;
            }
        }

        logger.LogWarning("Live tally of proposal {ProposalId} kept losing its keys while it was rebuilt; recounting", proposalId);
        return null;
    }

    /// <summary>
    /// Applies each voter's last ballot at positions (watermark, sealedUpTo]. From watermark 0 (a lost or new tally) this is a
    /// rebuild, which one replica runs at a time; false when another holds it.
    /// </summary>
    private async Task<bool> CatchUpAsync(GovernanceDbContext db, Guid proposalId, long watermark, long sealedUpTo, CancellationToken ct)
    {
        var rebuild = watermark == 0;
        RedisKey lockKey = $"{TallyKey(proposalId)}:rebuild";
        var lockToken = Guid.NewGuid().ToString("N");
        if (rebuild && !await redis.GetDatabase().LockTakeAsync(lockKey, lockToken, TimeSpan.FromSeconds(30)))
        {
            return false;
        }

        try
        {
            var ballots = await (
                from ballot in db.Ballots.IgnoreQueryFilters()
                where ballot.ProposalId == proposalId && ballot.Position > watermark && ballot.Position <= sealedUpTo
                      && ballot.Position == db.Ballots.IgnoreQueryFilters()
                          .Where(b => b.ProposalId == proposalId && b.VoterId == ballot.VoterId && b.Position <= sealedUpTo)
                          .Max(b => b.Position)
                join member in db.ElectorateMembers.IgnoreQueryFilters()
                    on new { ballot.ProposalId, ballot.VoterId } equals new { member.ProposalId, member.VoterId }
                orderby ballot.Position
                select new SealedBallot(ballot.Position!.Value, ballot.VoterId, member.AreaHundredths, ballot.Choice.ToString()))
                .ToListAsync(ct);
            if (rebuild)
            {
                logger.LogInformation("Live tally of proposal {ProposalId} missing in Redis: rebuilding from {Voters} voters' last ballots",
                    proposalId, ballots.Count);
            }

            var calls = ballots.Chunk(BallotsPerCall).DefaultIfEmpty([]).ToList();
            var token = calls.Count > 1 ? Guid.NewGuid().ToString("N") : "";
            for (var i = 0; i < calls.Count; i++)
            {
                await ApplyAsync(proposalId, calls[i], watermark + 1, i == calls.Count - 1 ? sealedUpTo : 0, token, first: i == 0);
            }

            return true;
        }
        finally
        {
            if (rebuild)
            {
                await redis.GetDatabase().LockReleaseAsync(lockKey, lockToken);
            }
        }
    }

    private Task ApplyAsync(Guid proposalId, IReadOnlyCollection<SealedBallot> ballots, long from, long to, string token, bool first) =>
        redis.GetDatabase().ScriptEvaluateAsync(ApplyScript, [TallyKey(proposalId)],
        [
            from, to, token, first ? "1" : "0",
            .. ballots.SelectMany(ballot => new RedisValue[] { ballot.VoterId, ballot.Position, ballot.Choice, ballot.AreaHundredths }),
        ]);

    // One key per proposal, so Redis loses or keeps a tally whole (eviction and expiry take keys, never fields).
    private static RedisKey TallyKey(Guid proposalId) => $"governance:live-tally:{{{proposalId}}}";
}
