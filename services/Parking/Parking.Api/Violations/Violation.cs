using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Parking.Api.Violations;

public enum ViolationKind
{
    /// <summary>占用消防通道.</summary>
    FireLane,

    /// <summary>占用人行道.</summary>
    Walkway,
}

/// <summary>
/// A vehicle reported in a fire lane or on a walkway. The vehicle's registered holder is notified; if it is not cleared by
/// <see cref="DeadlineAt"/> it is escalated to the Police.
/// </summary>
public sealed class Violation
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public ViolationKind Kind { get; init; }

    public required string Location { get; init; }

    public required string Plate { get; init; }

    /// <summary>Where the photo is kept (object-store key or URL); the platform does not store images.</summary>
    public required string PhotoReference { get; init; }

    public required string ReportedBy { get; init; }

    public DateTimeOffset ReportedAt { get; init; }

    /// <summary>The registered vehicle's owner, notified; null when the plate is not registered in the community.</summary>
    public Guid? NotifiedOwnerId { get; init; }

    public DateTimeOffset DeadlineAt { get; init; }

    public DateTimeOffset? ClearedAt { get; set; }

    public string? ClearedBy { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }
}

internal sealed class ViolationConfiguration : IEntityTypeConfiguration<Violation>
{
    public void Configure(EntityTypeBuilder<Violation> builder)
    {
        builder.ToTable("parking_violations");
        builder.Property(v => v.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Location).HasMaxLength(200);
        builder.Property(v => v.Plate).HasMaxLength(10);
        builder.Property(v => v.PhotoReference).HasMaxLength(500);
        builder.Property(v => v.ReportedBy).HasMaxLength(200);
        builder.Property(v => v.ClearedBy).HasMaxLength(200);
        builder.HasIndex(v => new { v.CommunityId, v.ReportedAt });
        builder.HasIndex(v => v.DeadlineAt).HasFilter("cleared_at IS NULL AND escalated_at IS NULL");
    }
}
