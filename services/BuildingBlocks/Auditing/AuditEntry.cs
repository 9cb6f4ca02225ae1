using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Auditing;

/// <summary>
/// One write, as the audit trail keeps it: who (client or owner), what (the command), which object,
/// when, from which trace. Entries are hash-chained in commit order, so removing or editing one breaks
/// every hash after it.
/// </summary>
public sealed class AuditEntry : IChainLink
{
    public Guid Id { get; init; }

    public long Sequence { get; private set; }

    /// <summary>The client id, or "owner:&lt;id&gt;".</summary>
    public required string Actor { get; init; }

    public string? OrganisationType { get; init; }

    public Guid? OrganisationId { get; init; }

    /// <summary>The command: its endpoint name, e.g. RegisterUnit.</summary>
    public required string Action { get; init; }

    /// <summary>The object acted on: "units/…", "communities/…" (from the route, or what was created).</summary>
    public required string Target { get; init; }

    public required int StatusCode { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public string? TraceId { get; init; }

    public required string PreviousHash { get; init; }

    public string Hash { get; private set; } = "";

    public string? ChainKeyId { get; private set; }

    public const string Genesis = HashChain.Genesis;

    public AuditEntry Seal(HashChain chain)
    {
        (ChainKeyId, Hash) = chain.Link(PreviousHash, LinkedFields());
        return this;
    }

    // Microseconds: what PostgreSQL keeps of a timestamp.
    public object?[] LinkedFields() =>
        [Id, Actor, OrganisationType, OrganisationId, Action, Target, StatusCode, OccurredAt.UtcTicks / 10, TraceId];
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(entry => entry.Id);
        builder.Property(entry => entry.Sequence).UseIdentityAlwaysColumn();
        builder.HasIndex(entry => entry.Sequence).IsUnique();
        // Each actor's chain: its last entry is looked up on every append.
        builder.HasIndex(entry => new { entry.Actor, entry.Sequence });
        builder.Property(entry => entry.Actor).HasMaxLength(100);
        builder.Property(entry => entry.OrganisationType).HasMaxLength(40);
        builder.Property(entry => entry.Action).HasMaxLength(100);
        builder.Property(entry => entry.Target).HasMaxLength(300);
        builder.Property(entry => entry.TraceId).HasMaxLength(32);
        builder.Property(entry => entry.PreviousHash).HasMaxLength(64);
        builder.Property(entry => entry.Hash).HasMaxLength(64);
        builder.Property(entry => entry.ChainKeyId).HasMaxLength(40);
    }
}
