using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Parking.Domain.Spaces;

namespace Platform.Parking.Api.Spaces;

internal sealed class ParkingSpaceConfiguration : IEntityTypeConfiguration<ParkingSpace>
{
    public void Configure(EntityTypeBuilder<ParkingSpace> builder)
    {
        builder.ToTable("parking_spaces");
        builder.Ignore(s => s.Events);
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

/// <summary>Writes the integration events a space's transitions recorded to the outbox, in the command's save.</summary>
internal static class SpaceEventOutbox
{
    public static void AddRecordedEvents(this Infrastructure.ParkingDbContext db, ParkingSpace space, DateTimeOffset now)
    {
        db.AddIntegrationEvents(space.Events, now);
        space.ClearEvents();
    }
}
