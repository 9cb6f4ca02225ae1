using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Fees.Api.Billing;

/// <summary>What a common-area meter measures (公共水电): water for common parts, or electricity for lifts, lights and pumps.</summary>
public enum Utility
{
    Water,
    Electricity,
}

/// <summary>
/// A common-area meter's charge (公共水电费) to be shared by the units in its scope: the whole community or some
/// of its buildings. It goes onto the bills of <see cref="Period"/>, apportioned by exclusive area; never edited.
/// </summary>
public sealed class UtilityCharge
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public Utility Utility { get; init; }

    /// <summary>The billing month (yyyy-MM) whose bills carry the shares.</summary>
    public required string Period { get; init; }

    /// <summary>The buildings sharing it; empty for the whole community.</summary>
    public Guid[] BuildingIds { get; init; } = [];

    public long AmountFen { get; init; }

    /// <summary>The meter and reading the utility billed, as the payer can check it.</summary>
    public required string MeterReference { get; init; }

    /// <summary>The rule the shares were computed by (<see cref="Contracts.Kernel.Money.Apportionment"/>).</summary>
    public required string Rule { get; init; }

    public required string RecordedBy { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public List<UtilityShare> Shares { get; init; } = [];
}

/// <summary>One unit's share of a utility charge, with the area it was computed from.</summary>
public sealed class UtilityShare
{
    public Guid ChargeId { get; init; }

    public Guid UnitId { get; init; }

    public required string Period { get; init; }

    public decimal ExclusiveArea { get; init; }

    public long AmountFen { get; init; }
}

internal sealed class UtilityChargeConfiguration : IEntityTypeConfiguration<UtilityCharge>
{
    public void Configure(EntityTypeBuilder<UtilityCharge> builder)
    {
        builder.ToTable("utility_charges");
        builder.Property(c => c.Utility).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Period).HasMaxLength(7);
        builder.Property(c => c.MeterReference).HasMaxLength(200);
        builder.Property(c => c.Rule).HasMaxLength(60);
        builder.Property(c => c.RecordedBy).HasMaxLength(100);
        builder.HasIndex(c => new { c.CommunityId, c.Period });
        builder.HasMany(c => c.Shares).WithOne().HasForeignKey(s => s.ChargeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UtilityShareConfiguration : IEntityTypeConfiguration<UtilityShare>
{
    public void Configure(EntityTypeBuilder<UtilityShare> builder)
    {
        builder.ToTable("utility_shares");
        builder.HasKey(s => new { s.ChargeId, s.UnitId });
        builder.Property(s => s.Period).HasMaxLength(7);
        builder.Property(s => s.ExclusiveArea).HasPrecision(12, 2);
        builder.HasIndex(s => new { s.UnitId, s.Period });
    }
}
