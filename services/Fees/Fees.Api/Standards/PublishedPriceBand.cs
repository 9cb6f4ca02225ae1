using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Fees.Domain.Standards;

namespace Platform.Fees.Api.Standards;

/// <summary>A price band as Development &amp; Reform published it for a year, star level and use. Fixed once published.</summary>
public sealed class PublishedPriceBand
{
    public Guid Id { get; init; }

    public int Year { get; init; }

    public int StarLevel { get; init; }

    public FeeUse Use { get; init; }

    public long BaseFen { get; init; }

    public int FloatPercent { get; init; }

    public required string PublishedBy { get; init; }

    public DateTimeOffset PublishedAt { get; init; }

    public PriceBand ToBand() => new(Year, StarLevel, Use, BaseFen, FloatPercent);
}

/// <summary>
/// A community's contracted fee for a use (合同约定的收费标准), in fen per m² per month, from a month on.
/// A new standard is a new row; the one in force for a period is the latest that started by then.
/// </summary>
public sealed class FeeStandard
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public FeeUse Use { get; init; }

    public long RateFen { get; init; }

    /// <summary>The first day of the first billing month it applies to.</summary>
    public DateOnly EffectiveFrom { get; init; }

    /// <summary>The star level it was checked against.</summary>
    public int StarLevel { get; init; }

    public required string SetBy { get; init; }

    public DateTimeOffset SetAt { get; init; }

    /// <summary>Why the housing bureau recorded it into a month already billed (<see cref="Domain.Standards.StandardTiming"/>).</summary>
    public string? BilledMonthReason { get; init; }
}

internal sealed class PublishedPriceBandConfiguration : IEntityTypeConfiguration<PublishedPriceBand>
{
    public void Configure(EntityTypeBuilder<PublishedPriceBand> builder)
    {
        builder.ToTable("price_bands");
        builder.Property(b => b.Use).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.PublishedBy).HasMaxLength(100);
        builder.HasIndex(b => new { b.Year, b.StarLevel, b.Use }).IsUnique();
    }
}

internal sealed class FeeStandardConfiguration : IEntityTypeConfiguration<FeeStandard>
{
    public void Configure(EntityTypeBuilder<FeeStandard> builder)
    {
        builder.Property(s => s.Use).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.SetBy).HasMaxLength(100);
        builder.Property(s => s.BilledMonthReason).HasMaxLength(500);
        builder.HasIndex(s => new { s.CommunityId, s.Use, s.EffectiveFrom });
    }
}
