using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Parking.Api.Vehicles;

public enum VehicleHolder
{
    Owner,
    Tenant,
}

/// <summary>A vehicle registered to a community's owner or tenant: its gates open for it without a fee.</summary>
public sealed class Vehicle
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    /// <summary>Canonical plate (see <c>Plate.Normalize</c>).</summary>
    public required string Plate { get; init; }

    public VehicleHolder Holder { get; init; }

    /// <summary>The owner it is registered to, or the owner whose unit the tenant rents.</summary>
    public Guid OwnerId { get; init; }

    public Guid UnitId { get; init; }

    public required string RegisteredBy { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }
}

/// <summary>A plate the community's gates refuse (for example a vehicle that repeatedly blocked a fire lane), with the reason.</summary>
public sealed class BlacklistedPlate
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public required string Plate { get; init; }

    public required string Reason { get; init; }

    public required string AddedBy { get; init; }

    public DateTimeOffset AddedAt { get; init; }
}

internal sealed class VehicleConfiguration : IEntityTypeConfiguration<Vehicle>
{
    public void Configure(EntityTypeBuilder<Vehicle> builder)
    {
        builder.ToTable("vehicles");
        builder.Property(v => v.Plate).HasMaxLength(10);
        builder.Property(v => v.Holder).HasConversion<string>().HasMaxLength(10);
        builder.Property(v => v.RegisteredBy).HasMaxLength(200);
        builder.HasIndex(v => new { v.CommunityId, v.Plate }).IsUnique();
    }
}

internal sealed class BlacklistedPlateConfiguration : IEntityTypeConfiguration<BlacklistedPlate>
{
    public void Configure(EntityTypeBuilder<BlacklistedPlate> builder)
    {
        builder.ToTable("blacklisted_plates");
        builder.Property(b => b.Plate).HasMaxLength(10);
        builder.Property(b => b.Reason).HasMaxLength(500);
        builder.Property(b => b.AddedBy).HasMaxLength(200);
        builder.HasIndex(b => new { b.CommunityId, b.Plate }).IsUnique();
    }
}
