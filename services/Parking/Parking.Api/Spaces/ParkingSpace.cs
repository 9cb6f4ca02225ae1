using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Parking.Domain.Spaces;

namespace Platform.Parking.Api.Spaces;

/// <summary>One space of a lot: its kind, its ownership as certified by Natural Resources, and its state.</summary>
public sealed class ParkingSpace
{
    public Guid Id { get; init; }

    public Guid LotId { get; init; }

    public Guid CommunityId { get; init; }

    public required string Number { get; init; }

    public SpaceKind Kind { get; init; }

    public SpaceOwnership Ownership { get; set; }

    /// <summary>The certificate (不动产权证 or planning document) Natural Resources named when certifying.</summary>
    public string? OwnershipCertificate { get; set; }

    public string? CertifiedBy { get; set; }

    public DateTimeOffset? CertifiedAt { get; set; }

    public SpaceState State { get; set; }

    /// <summary>The owner who bought it (sold spaces) or who owns it per the certificate (owner-owned spaces).</summary>
    public Guid? HolderOwnerId { get; set; }

    /// <summary>Its owner offers the sold space for lease while idle.</summary>
    public bool OfferedForLease { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A sale or a lease of a space. Leases run from <see cref="StartsOn"/> to <see cref="EndsOn"/> unless ended earlier.</summary>
public sealed class SpaceAllocation
{
    public Guid Id { get; init; }

    public Guid SpaceId { get; init; }

    public Guid LotId { get; init; }

    public Guid CommunityId { get; init; }

    public AllocationKind Kind { get; init; }

    /// <summary>The community's owner who holds it, or null for a non-owner (named in <see cref="HolderName"/>).</summary>
    public Guid? HolderOwnerId { get; init; }

    public required string HolderName { get; init; }

    /// <summary>The sale price, or the monthly rent of a lease.</summary>
    public long PriceFen { get; init; }

    public DateOnly StartsOn { get; init; }

    public DateOnly? EndsOn { get; init; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The space's state before a lease, restored when it ends (a leased-out sold space goes back to its owner).</summary>
    public SpaceState StateBefore { get; init; }

    public required string AllocatedBy { get; init; }

    public DateTimeOffset AllocatedAt { get; init; }
}

/// <summary>An owner of the community waiting for a space; while any waits, developers' unsold spaces go to owners only.</summary>
public sealed class WaitingListEntry
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public Guid OwnerId { get; init; }

    public DateTimeOffset JoinedAt { get; init; }

    /// <summary>When the owner got a space (or withdrew).</summary>
    public DateTimeOffset? LeftAt { get; set; }

    public Guid? AllocationId { get; set; }
}

internal sealed class ParkingSpaceConfiguration : IEntityTypeConfiguration<ParkingSpace>
{
    public void Configure(EntityTypeBuilder<ParkingSpace> builder)
    {
        builder.ToTable("parking_spaces");
        builder.Property(s => s.Number).HasMaxLength(30);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Ownership).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.OwnershipCertificate).HasMaxLength(100);
        builder.Property(s => s.CertifiedBy).HasMaxLength(200);
        builder.HasIndex(s => new { s.LotId, s.Number }).IsUnique();
        builder.HasIndex(s => s.CommunityId);
    }
}

internal sealed class SpaceAllocationConfiguration : IEntityTypeConfiguration<SpaceAllocation>
{
    public void Configure(EntityTypeBuilder<SpaceAllocation> builder)
    {
        builder.ToTable("space_allocations");
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.StateBefore).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.HolderName).HasMaxLength(100);
        builder.Property(a => a.AllocatedBy).HasMaxLength(200);
        builder.HasIndex(a => new { a.SpaceId, a.AllocatedAt });
        builder.HasIndex(a => new { a.CommunityId, a.EndsOn });
    }
}

internal sealed class WaitingListEntryConfiguration : IEntityTypeConfiguration<WaitingListEntry>
{
    public void Configure(EntityTypeBuilder<WaitingListEntry> builder)
    {
        builder.ToTable("waiting_list");
        builder.HasIndex(w => new { w.CommunityId, w.OwnerId }).IsUnique().HasFilter("left_at IS NULL");
        builder.HasIndex(w => new { w.CommunityId, w.JoinedAt });
    }
}
