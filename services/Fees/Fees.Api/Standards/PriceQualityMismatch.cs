using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Fees.Domain.Standards;

namespace Platform.Fees.Api.Standards;

/// <summary>
/// A fee standard in force found outside the band for its community's current star level (质价不符), flagged to
/// Market Regulation. Existing contracts are not changed by it; new standards outside the band are refused instead.
/// Once per standard, star level and band year.
/// </summary>
public sealed class PriceQualityMismatch
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public Guid FeeStandardId { get; init; }

    public FeeUse Use { get; init; }

    public long RateFen { get; init; }

    public int StarLevel { get; init; }

    public int BandYear { get; init; }

    public long BandLowestFen { get; init; }

    public long BandHighestFen { get; init; }

    public DateTimeOffset FlaggedAt { get; init; }
}

internal sealed class PriceQualityMismatchConfiguration : IEntityTypeConfiguration<PriceQualityMismatch>
{
    public void Configure(EntityTypeBuilder<PriceQualityMismatch> builder)
    {
        builder.ToTable("price_quality_mismatches");
        builder.Property(m => m.Use).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(m => new { m.FeeStandardId, m.StarLevel, m.BandYear }).IsUnique();
        builder.HasIndex(m => new { m.CommunityId, m.FlaggedAt });
    }
}
