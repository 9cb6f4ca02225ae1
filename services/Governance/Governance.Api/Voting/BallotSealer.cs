using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.Contracts.Events;
using Platform.Governance.Api.Infrastructure;

namespace Platform.Governance.Api.Voting;

/// <summary>
/// Builds each proposal's ballot chain after the fact (ADR-006): takes the unsealed ballots in insertion
/// order, gives each the next position and its hash, and emits <see cref="BallotsSealed"/> for the live tally
/// (one event per run of at most <see cref="BallotsPerEvent"/> ballots, ADR-011), in one transaction per batch.
/// Replicas take turns per proposal through an advisory lock, which the closer takes too before its final seal.
/// </summary>
public sealed class BallotSealer(IServiceScopeFactory scopes, IOptions<VotingOptions> options, TimeProvider time, ILogger<BallotSealer> logger)
    : PeriodicJob(time, logger)
{
    public const int BatchSize = 2_000;

    /// <summary>Ballots in one <see cref="BallotsSealed"/>: a busy vote's batch is split so no message grows large.</summary>
    public const int BallotsPerEvent = 500;

    protected override TimeSpan Interval => options.Value.SealPollInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SealPendingAsync(cancellationToken);

    public async Task SealPendingAsync(CancellationToken ct)
    {
        List<Guid> proposals;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            proposals = await db.Ballots.IgnoreQueryFilters().Where(b => b.Hash == null).Select(b => b.ProposalId).Distinct().ToListAsync(ct);
        }

        foreach (var proposalId in proposals)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await SealAsync(db, proposalId, Time.GetUtcNow(), ct);
            await transaction.CommitAsync(ct);
        }
    }

    /// <summary>Seals what is visible of one proposal inside the caller's transaction; returns how many.</summary>
    public static async Task<int> SealAsync(GovernanceDbContext db, Guid proposalId, DateTimeOffset now, CancellationToken ct)
    {
        await db.Database.AcquireAsync($"ballots:{proposalId}", ct);
        var sealedCount = 0;
        while (true)
        {
            // "Position != null" lets the index scan start at the last sealed position (nulls sort first going down).
            var last = await db.Ballots.IgnoreQueryFilters().Where(b => b.ProposalId == proposalId && b.Position != null && b.Hash != null)
                .OrderByDescending(b => b.Position).Select(b => new { b.Position, b.Hash }).FirstOrDefaultAsync(ct);
            var pending = await db.Ballots.IgnoreQueryFilters().AsNoTracking().Where(b => b.ProposalId == proposalId && b.Hash == null)
                .OrderBy(b => b.Sequence).Take(BatchSize).ToListAsync(ct);
            if (pending.Count == 0)
            {
                return sealedCount;
            }

            var members = await db.ElectorateMembers.IgnoreQueryFilters().AsNoTracking()
                .Where(m => m.ProposalId == proposalId && pending.Select(b => b.VoterId).Contains(m.VoterId))
                .ToDictionaryAsync(m => m.VoterId, m => m.AreaHundredths, ct);
            var position = last?.Position ?? 0;
            var previous = last?.Hash ?? HashChain.Genesis;
            foreach (var ballot in pending)
            {
                ballot.Seal(db.Chain, ++position, previous);
                previous = ballot.Hash!;
            }

            foreach (var run in Runs(proposalId, pending.Select(b => new SealedBallot(b.Position!.Value, b.VoterId, members[b.VoterId], b.Choice.ToString())), now))
            {
                db.AddIntegrationEvent(run, now);
            }

            // One statement for the batch's seals (not one UPDATE per ballot); the events follow in the same transaction.
            Guid[] ids = [.. pending.Select(b => b.Id)];
            long[] positions = [.. pending.Select(b => b.Position!.Value)];
            string[] previousHashes = [.. pending.Select(b => b.PreviousHash!)];
            string[] hashes = [.. pending.Select(b => b.Hash!)];
            var keyId = db.Chain.CurrentKeyId;
            var updated = await db.Database.ExecuteSqlAsync($"""
                UPDATE ballots AS b SET position = s.position, previous_hash = s.previous_hash, hash = s.hash, chain_key_id = {keyId}
                FROM unnest({ids}, {positions}, {previousHashes}, {hashes}) AS s(id, position, previous_hash, hash)
                WHERE b.id = s.id AND b.hash IS NULL
                """, ct);
            if (updated != pending.Count)
            {
                throw new InvalidOperationException($"Sealing {pending.Count} ballots of proposal {proposalId} updated {updated}: another sealer ran without the lock.");
            }

            await db.SaveChangesAsync(ct);
            sealedCount += pending.Count;
        }
    }

    /// <summary>Ballots in chain order as <see cref="BallotsSealed"/> events of at most <see cref="BallotsPerEvent"/> each.</summary>
    public static IEnumerable<BallotsSealed> Runs(Guid proposalId, IEnumerable<SealedBallot> ballots, DateTimeOffset now) =>
        ballots.Chunk(BallotsPerEvent).Select(run => new BallotsSealed(proposalId, run, now));
}
