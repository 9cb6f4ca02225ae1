using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;

namespace Platform.BuildingBlocks.Checkpoints;

/// <summary>
/// Issues the service's signed checkpoints every <see cref="CheckpointOptions.Interval"/>: the head of every chain of every
/// registered <see cref="ChainLedger"/> that moved since the last checkpoint, the digest of those heads per ledger signed with
/// the checkpoint key, numbered and linked to the checkpoint before. Replicas take turns through an advisory lock; a run
/// where no chain moved issues nothing.
/// </summary>
public sealed class CheckpointIssuer(
    IServiceScopeFactory scopes, CheckpointSigner signer, TimeProvider time, ILogger<CheckpointIssuer> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => signer.Interval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken) => await IssueAsync(cancellationToken);

    /// <summary>The hash a checkpoint's successor names: SHA-256 of its content and signature.</summary>
    public static string HashOf(ChainCheckpoint checkpoint) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{checkpoint.Content}\n{checkpoint.Signature}")));

    /// <summary>The next checkpoint, or null when no chain moved since the last one.</summary>
    public async Task<ChainCheckpoint?> IssueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<ServiceIdentity>().Name;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.AcquireAsync("chain-checkpoints", ct);
        var published = (await db.Database.SqlQueryRaw<LatestHead>("""
            SELECT DISTINCT ON (ledger, chain_id) ledger, chain_id, position, head FROM chain_checkpoint_heads
            ORDER BY ledger, chain_id, checkpoint_sequence DESC
            """).ToListAsync(ct)).ToDictionary(h => (h.Ledger, h.ChainId), h => (h.Position, h.Head));
        var last = await db.ChainCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(ct);
        var sequence = (last?.Sequence ?? 0) + 1;

        var moved = new List<ChainCheckpointHead>();
        foreach (var ledger in scope.ServiceProvider.GetServices<ChainLedger>())
        {
            moved.AddRange((await ledger.HeadsAsync(db, ct))
                .Where(h => published.GetValueOrDefault((ledger.Name, h.ChainId)) != (h.Position, h.Head))
                .Select(h => new ChainCheckpointHead
                {
                    CheckpointSequence = sequence, Ledger = ledger.Name, ChainId = h.ChainId, Position = h.Position, Head = h.Head,
                }));
        }

        if (moved.Count == 0)
        {
            return null;
        }

        var now = Time.GetUtcNow();
        LedgerHeads[] ledgers =
        [
            .. moved.GroupBy(h => h.Ledger).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new LedgerHeads(g.Key, g.Count(), ChainLedger.Digest(g.Select(h => (h.ChainId, h.Position, h.Head))))),
        ];
        var previous = last is null ? HashChain.Genesis : HashOf(last);
        var content = JsonSerializer.Serialize(new CheckpointContent(service, sequence, now, previous, ledgers), JsonSerializerOptions.Web);
        var checkpoint = new ChainCheckpoint
        {
            Id = Guid.CreateVersion7(now), Sequence = sequence, IssuedAt = now, KeyId = signer.KeyId, Content = content,
            Signature = signer.Sign(content),
        };
        db.ChainCheckpoints.Add(checkpoint);
        db.ChainCheckpointHeads.AddRange(moved);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return checkpoint;
    }

    private sealed class LatestHead
    {
        public required string Ledger { get; init; }

        public required string ChainId { get; init; }

        public long Position { get; init; }

        public required string Head { get; init; }
    }
}
