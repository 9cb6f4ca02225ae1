using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Data;

namespace Platform.Fees.Api.Payments;

public enum PaymentMethod
{
    Cash,
    BankTransfer,
    WeChatPay,
    Alipay,
    Other,
}

/// <summary>
/// A payment on a unit's account, or the reversal of one (a new entry with the negative amount; nothing is
/// edited). Append-only and hash-chained per unit: each entry names the hash of the unit's entry before it.
/// </summary>
public sealed class Payment : IChainLink
{
    public Guid Id { get; init; }

    public Guid UnitId { get; init; }

    public Guid CommunityId { get; init; }

    /// <summary>Positive for a payment, negative for a reversal.</summary>
    public long AmountFen { get; init; }

    public PaymentMethod Method { get; init; }

    /// <summary>The receipt or bank reference the payer can quote.</summary>
    public required string Reference { get; init; }

    public Guid? ReversesPaymentId { get; init; }

    public DateTimeOffset PaidAt { get; init; }

    public required string RecordedBy { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>1, 2, 3… per unit; unique, so the chain cannot fork.</summary>
    public long Position { get; init; }

    public required string PreviousHash { get; init; }

    public string Hash { get; private set; } = "";

    public string? ChainKeyId { get; private set; }

    public List<PaymentAllocation> Allocations { get; init; } = [];

    public Payment Seal(HashChain chain)
    {
        (ChainKeyId, Hash) = chain.Link(PreviousHash, LinkedFields());
        return this;
    }

    public object?[] LinkedFields() =>
    [
        Position, Id, UnitId, AmountFen, Method, Reference, ReversesPaymentId, PaidAt.UtcTicks / 10,
        string.Join(',', Allocations.OrderBy(a => a.BillId).Select(a => $"{a.BillId}:{a.AmountFen}")),
    ];
}

/// <summary>The part of a payment (or of its reversal, negative) that settles one bill.</summary>
public sealed class PaymentAllocation
{
    public Guid PaymentId { get; init; }

    public Guid BillId { get; init; }

    public long AmountFen { get; init; }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Reference).HasMaxLength(100);
        builder.Property(p => p.RecordedBy).HasMaxLength(100);
        builder.Property(p => p.PreviousHash).HasMaxLength(64);
        builder.Property(p => p.Hash).HasMaxLength(64);
        builder.Property(p => p.ChainKeyId).HasMaxLength(40);
        builder.HasIndex(p => new { p.UnitId, p.Position }).IsUnique();
        // A payment is reversed at most once.
        builder.HasIndex(p => p.ReversesPaymentId).IsUnique().HasFilter("reverses_payment_id IS NOT NULL");
        builder.HasMany(p => p.Allocations).WithOne().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentAllocationConfiguration : IEntityTypeConfiguration<PaymentAllocation>
{
    public void Configure(EntityTypeBuilder<PaymentAllocation> builder)
    {
        builder.ToTable("payment_allocations");
        builder.HasKey(a => new { a.PaymentId, a.BillId });
        builder.HasIndex(a => a.BillId);
    }
}
