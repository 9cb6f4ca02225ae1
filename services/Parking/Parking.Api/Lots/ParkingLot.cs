using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Parking.Domain.Spaces;
using Platform.Parking.Domain.Tariffs;

namespace Platform.Parking.Api.Lots;

/// <summary>
/// A community's car park with its gates' tariff. Visitors' fees belong to whoever owns the spaces they use
/// (<see cref="VisitorSpaceOwnership"/>): on owners-common spaces they are the community's public income.
/// </summary>
public sealed class ParkingLot
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public required string Name { get; set; }

    /// <summary>How many vehicles it holds: the denominator of utilisation.</summary>
    public int Capacity { get; set; }

    /// <summary>The parking operator running its gates, if the property company does not run them itself.</summary>
    public Guid? OperatorId { get; set; }

    public SpaceOwnership VisitorSpaceOwnership { get; set; }

    public int FreeMinutes { get; set; }

    public long FenPerHour { get; set; }

    public long DailyCapFen { get; set; }

    /// <summary>Events from one gate for one plate and direction this close together are one event.</summary>
    public int DuplicateWindowSeconds { get; set; }

    /// <summary>Set when a gate decision could not update the live count in Redis: the next read recounts.</summary>
    public bool OccupancyStale { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public Tariff Tariff => new(FreeMinutes, FenPerHour, DailyCapFen);
}

/// <summary>A community's parking price ceilings, set by Development &amp; Reform (or from the owners' rules); with history in the audit trail.</summary>
public sealed class CommunityPriceCaps
{
    public Guid CommunityId { get; init; }

    public long? MaxSalePriceFen { get; set; }

    public long? MaxMonthlyRentFen { get; set; }

    public long? MaxFenPerHour { get; set; }

    public long? MaxDailyCapFen { get; set; }

    public required string SetBy { get; set; }

    public DateTimeOffset SetAt { get; set; }

    public PriceCaps Caps => new(MaxSalePriceFen, MaxMonthlyRentFen, MaxFenPerHour, MaxDailyCapFen);
}

internal sealed class ParkingLotConfiguration : IEntityTypeConfiguration<ParkingLot>
{
    public void Configure(EntityTypeBuilder<ParkingLot> builder)
    {
        builder.ToTable("parking_lots");
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.VisitorSpaceOwnership).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(l => l.Tariff);
        builder.HasIndex(l => new { l.CommunityId, l.Name }).IsUnique();
        builder.HasIndex(l => l.OperatorId);
    }
}

internal sealed class CommunityPriceCapsConfiguration : IEntityTypeConfiguration<CommunityPriceCaps>
{
    public void Configure(EntityTypeBuilder<CommunityPriceCaps> builder)
    {
        builder.ToTable("community_price_caps");
        builder.HasKey(c => c.CommunityId);
        builder.Property(c => c.SetBy).HasMaxLength(200);
        builder.Ignore(c => c.Caps);
    }
}
