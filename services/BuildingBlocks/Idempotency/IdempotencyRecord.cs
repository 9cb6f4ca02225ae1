using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.BuildingBlocks.Idempotency;

/// <summary>The stored outcome of a command sent with an Idempotency-Key, committed with its effect.</summary>
public sealed class IdempotencyRecord
{
    /// <summary>Who sent it and to which route: keys of different callers or routes never meet.</summary>
    public required string Scope { get; init; }

    public required string Key { get; init; }

    public required string RequestHash { get; init; }

    public required int StatusCode { get; init; }

    public string? ResponseBody { get; init; }

    public string? Location { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.HasKey(record => new { record.Scope, record.Key });
        builder.Property(record => record.Scope).HasMaxLength(300);
        builder.Property(record => record.Key).HasMaxLength(100);
        builder.Property(record => record.RequestHash).HasMaxLength(64);
        // Text, not jsonb: a replay must return the first response byte for byte.
        builder.Property(record => record.ResponseBody).HasColumnType("text");
        builder.Property(record => record.Location).HasMaxLength(500);
    }
}
