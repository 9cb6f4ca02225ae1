using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Fees.Api.Billing;

/// <summary>
/// A change to what an issued bill's item asks, as a new entry: the bill is never edited. Issued when a fee
/// standard is set from a month whose bills are out already, for the difference between what the item asks
/// (with earlier adjustments) and what the new standard gives.
/// </summary>
public sealed class BillAdjustment
{
    public Guid Id { get; init; }

    public Guid BillId { get; init; }

    public Guid UnitId { get; init; }

    public Guid CommunityId { get; init; }

    public required string Period { get; init; }

    public BillItemKind Kind { get; init; }

    /// <summary>Positive adds to what is owed, negative takes from it.</summary>
    public long AmountFen { get; init; }

    /// <summary>The standard that caused it.</summary>
    public Guid FeeStandardId { get; init; }

    /// <summary>Area, new rate and the amount it gives, as text a payer can check.</summary>
    public required string Basis { get; init; }

    public DateTimeOffset AdjustedAt { get; init; }
}

internal sealed class BillAdjustmentConfiguration : IEntityTypeConfiguration<BillAdjustment>
{
    public void Configure(EntityTypeBuilder<BillAdjustment> builder)
    {
        builder.ToTable("bill_adjustments");
        builder.Property(a => a.Period).HasMaxLength(7);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.Basis).HasMaxLength(200);
        builder.HasIndex(a => a.BillId);
        builder.HasIndex(a => new { a.CommunityId, a.Period });
    }
}
