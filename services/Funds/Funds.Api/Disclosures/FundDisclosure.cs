using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Funds.Api.Disclosures;

/// <summary>
/// A published disclosure of a community's fund accounts (维修资金公示) for a quarter or a run of months: an immutable
/// version, its content the JSON exactly as published with its SHA-256. Publishing a period again adds the next version.
/// </summary>
public sealed class FundDisclosure
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public required string Period { get; init; }

    public bool IsQuarterly { get; init; }

    public int Version { get; init; }

    public required string Content { get; init; }

    public required string ContentHash { get; init; }

    public required string PublishedBy { get; init; }

    public DateTimeOffset PublishedAt { get; init; }
}

internal sealed class FundDisclosureConfiguration : IEntityTypeConfiguration<FundDisclosure>
{
    public void Configure(EntityTypeBuilder<FundDisclosure> builder)
    {
        builder.ToTable("fund_disclosures");
        builder.Property(d => d.Period).HasMaxLength(20);
        builder.Property(d => d.ContentHash).HasMaxLength(64);
        builder.Property(d => d.PublishedBy).HasMaxLength(100);
        builder.HasIndex(d => new { d.CommunityId, d.Period, d.Version }).IsUnique();
    }
}
