using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.BuildingBlocks.Checkpoints;

/// <summary>
/// A signed checkpoint of a service's chains (design.md "Data conventions"): <see cref="Content"/> is the JSON exactly as signed
/// (<see cref="CheckpointContent"/>), <see cref="Signature"/> its ECDSA P-256 signature under the key <see cref="KeyId"/>. Published
/// under <c>/public/&lt;service&gt;/v1/checkpoints</c>; append-only, numbered 1, 2, 3…, each naming the one before it.
/// </summary>
public sealed class ChainCheckpoint
{
    public Guid Id { get; init; }

    public long Sequence { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public required string KeyId { get; init; }

    public required string Content { get; init; }

    public required string Signature { get; init; }
}

/// <summary>
/// One chain's head as a checkpoint recorded it: the chain's record at <see cref="Position"/> carried <see cref="Head"/>. Only chains
/// that moved since the checkpoint before are recorded; the checkpoint's signed digest covers exactly these rows.
/// </summary>
public sealed class ChainCheckpointHead
{
    public long CheckpointSequence { get; init; }

    public required string Ledger { get; init; }

    public required string ChainId { get; init; }

    public long Position { get; init; }

    public required string Head { get; init; }
}

/// <summary>
/// What a checkpoint signs: per ledger, how many chains moved and the digest of their heads (<see cref="ChainLedger.Digest"/>).
/// </summary>
public sealed record CheckpointContent(
    string Service, long Sequence, DateTimeOffset IssuedAt, string PreviousCheckpoint, IReadOnlyList<LedgerHeads> Ledgers);

public sealed record LedgerHeads(string Ledger, int Chains, string Digest);

internal sealed class ChainCheckpointConfiguration : IEntityTypeConfiguration<ChainCheckpoint>
{
    public void Configure(EntityTypeBuilder<ChainCheckpoint> builder)
    {
        builder.ToTable("chain_checkpoints");
        builder.HasIndex(c => c.Sequence).IsUnique();
        builder.Property(c => c.KeyId).HasMaxLength(40);
        builder.Property(c => c.Signature).HasMaxLength(200);
    }
}

internal sealed class ChainCheckpointHeadConfiguration : IEntityTypeConfiguration<ChainCheckpointHead>
{
    public void Configure(EntityTypeBuilder<ChainCheckpointHead> builder)
    {
        builder.ToTable("chain_checkpoint_heads");
        builder.HasKey(h => new { h.CheckpointSequence, h.Ledger, h.ChainId });
        // The latest head of each chain is looked up per ledger and chain.
        builder.HasIndex(h => new { h.Ledger, h.ChainId, h.CheckpointSequence });
        builder.Property(h => h.Ledger).HasMaxLength(40);
        builder.Property(h => h.ChainId).HasMaxLength(200);
        builder.Property(h => h.Head).HasMaxLength(64);
    }
}
