using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Parking.Api.Gates;

public enum SessionKind
{
    /// <summary>A vehicle registered in the community: no fee.</summary>
    Registered,

    /// <summary>A visitor: the lot's tariff applies at exit.</summary>
    Visitor,
}

/// <summary>A vehicle's stay in a lot, from the entry gate's event to the exit gate's. At most one open per plate and lot.</summary>
public sealed class ParkingSession
{
    public Guid Id { get; init; }

    public Guid LotId { get; init; }

    public Guid CommunityId { get; init; }

    public required string Plate { get; init; }

    public SessionKind Kind { get; init; }

    public DateTimeOffset EnteredAt { get; init; }

    public DateTimeOffset? ExitedAt { get; set; }

    public long? FeeFen { get; set; }
}

public enum GateDirection
{
    Entry,
    Exit,
}

/// <summary>A gate event as decided, kept to recognise a gate's repeats and as the record of every decision.</summary>
public sealed class GateEvent
{
    public Guid Id { get; init; }

    public Guid LotId { get; init; }

    public required string GateId { get; init; }

    public required string Plate { get; init; }

    public GateDirection Direction { get; init; }

    public DateTimeOffset At { get; init; }

    public required string Decision { get; init; }

    public required string Reason { get; init; }

    public Guid? SessionId { get; init; }

    public long FeeFen { get; init; }

    public required string SentBy { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}

internal sealed class ParkingSessionConfiguration : IEntityTypeConfiguration<ParkingSession>
{
    public void Configure(EntityTypeBuilder<ParkingSession> builder)
    {
        builder.ToTable("parking_sessions");
        builder.Property(s => s.Plate).HasMaxLength(10);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(s => new { s.LotId, s.Plate }).IsUnique().HasFilter("exited_at IS NULL");
        builder.HasIndex(s => new { s.LotId, s.EnteredAt });
    }
}

internal sealed class GateEventConfiguration : IEntityTypeConfiguration<GateEvent>
{
    public void Configure(EntityTypeBuilder<GateEvent> builder)
    {
        builder.ToTable("gate_events");
        builder.Property(e => e.GateId).HasMaxLength(50);
        builder.Property(e => e.Plate).HasMaxLength(10);
        builder.Property(e => e.Direction).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.Decision).HasMaxLength(10);
        builder.Property(e => e.Reason).HasMaxLength(30);
        builder.Property(e => e.SentBy).HasMaxLength(200);
        builder.HasIndex(e => new { e.LotId, e.GateId, e.Plate, e.Direction, e.At });
    }
}
