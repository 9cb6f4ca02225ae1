using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.ElderCare.Api.Orders;

/// <summary>
/// What the community did about an escalated order (转社区跟进): a community worker's or Civil Affairs' note — who was
/// called, what was arranged. Operational, not a care record: it is shown to whoever sees the order.
/// </summary>
public sealed class CareOrderFollowUp
{
    public Guid Id { get; init; }

    public Guid OrderId { get; init; }

    public required string Note { get; init; }

    public required string RecordedBy { get; init; }

    public DateTimeOffset RecordedAt { get; init; }
}

internal sealed class CareOrderFollowUpConfiguration : IEntityTypeConfiguration<CareOrderFollowUp>
{
    public void Configure(EntityTypeBuilder<CareOrderFollowUp> builder)
    {
        builder.ToTable("care_order_follow_ups");
        builder.Property(f => f.Note).HasMaxLength(500);
        builder.Property(f => f.RecordedBy).HasMaxLength(200);
        builder.HasOne<CareOrder>().WithMany().HasForeignKey(f => f.OrderId);
        builder.HasIndex(f => new { f.OrderId, f.RecordedAt });
    }
}
