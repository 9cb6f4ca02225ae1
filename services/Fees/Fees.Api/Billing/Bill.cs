using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Fees.Api.Billing;

public enum BillItemKind
{
    PropertyFee,
    ParkingSpaceManagementFee,
    SharedUtilityShare,
}

/// <summary>A unit's bill for one month: never two for the same unit and month (a unique key), never edited.</summary>
public sealed class Bill
{
    public Guid Id { get; init; }

    public Guid UnitId { get; init; }

    public Guid CommunityId { get; init; }

    /// <summary>yyyy-MM.</summary>
    public required string Period { get; init; }

    /// <summary>Who owes it: the unit's owner when billed — the developer for unsold units.</summary>
    public Guid PayerOwnerId { get; init; }

    public long AmountFen { get; init; }

    public Guid BillRunId { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public List<BillItem> Items { get; init; } = [];
}

/// <summary>One line of a bill, with what it was computed from.</summary>
public sealed class BillItem
{
    public Guid BillId { get; init; }

    public BillItemKind Kind { get; init; }

    public long AmountFen { get; init; }

    /// <summary>Rate (fen per m² per month) and area the amount came from, as text a payer can check.</summary>
    public required string Basis { get; init; }
}

/// <summary>A run of a community's monthly billing: who started it and what it created (zero when re-run).</summary>
public sealed class BillRun
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public required string Period { get; init; }

    public int BillsCreated { get; set; }

    public long AmountFen { get; set; }

    public required string StartedBy { get; init; }

    public DateTimeOffset StartedAt { get; init; }
}

internal sealed class BillConfiguration : IEntityTypeConfiguration<Bill>
{
    public void Configure(EntityTypeBuilder<Bill> builder)
    {
        builder.Property(b => b.Period).HasMaxLength(7);
        builder.HasIndex(b => new { b.UnitId, b.Period }).IsUnique();
        builder.HasIndex(b => new { b.CommunityId, b.Period });
        builder.HasMany(b => b.Items).WithOne().HasForeignKey(i => i.BillId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BillItemConfiguration : IEntityTypeConfiguration<BillItem>
{
    public void Configure(EntityTypeBuilder<BillItem> builder)
    {
        builder.ToTable("bill_items");
        builder.HasKey(i => new { i.BillId, i.Kind });
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(i => i.Basis).HasMaxLength(200);
    }
}

internal sealed class BillRunConfiguration : IEntityTypeConfiguration<BillRun>
{
    public void Configure(EntityTypeBuilder<BillRun> builder)
    {
        builder.Property(r => r.Period).HasMaxLength(7);
        builder.Property(r => r.StartedBy).HasMaxLength(100);
        builder.HasIndex(r => new { r.CommunityId, r.Period });
    }
}
