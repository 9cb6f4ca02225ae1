using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Fees.Api.Disclosures;

/// <summary>
/// A published disclosure (公示) of a community's fees and public income for a quarter or a run of months: an
/// immutable version. Publishing the same period again adds the next version; the earlier ones stay as they were.
/// <c>Content</c> is the JSON exactly as published, and <c>ContentHash</c> its SHA-256, so a reader can check it.
/// </summary>
public sealed class Disclosure
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    /// <summary>"yyyy-Qn" for a quarter, "yyyy-MM..yyyy-MM" for a run of months on demand.</summary>
    public required string Period { get; init; }

    public bool IsQuarterly { get; init; }

    public int Version { get; init; }

    public required string Content { get; init; }

    public required string ContentHash { get; init; }

    public required string PublishedBy { get; init; }

    public DateTimeOffset PublishedAt { get; init; }
}

internal sealed class DisclosureConfiguration : IEntityTypeConfiguration<Disclosure>
{
    public void Configure(EntityTypeBuilder<Disclosure> builder)
    {
        builder.ToTable("disclosures");
        builder.Property(d => d.Period).HasMaxLength(20);
        builder.Property(d => d.ContentHash).HasMaxLength(64);
        builder.Property(d => d.PublishedBy).HasMaxLength(100);
        builder.HasIndex(d => new { d.CommunityId, d.Period, d.Version }).IsUnique();
    }
}
