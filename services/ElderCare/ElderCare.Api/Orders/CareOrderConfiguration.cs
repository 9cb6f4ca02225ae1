using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Api.Orders;

internal sealed class CareOrderConfiguration : IEntityTypeConfiguration<CareOrder>
{
    public void Configure(EntityTypeBuilder<CareOrder> builder)
    {
        builder.ToTable("care_orders");
        builder.Ignore(o => o.IntegrationEvents);
        builder.Property(o => o.Service).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.PlacedBy).HasMaxLength(200);
        builder.Property(o => o.RatingComment).HasMaxLength(500);
        builder.Property(o => o.EscalationReason).HasMaxLength(30);
        builder.Property(o => o.Version).IsRowVersion();
        builder.HasIndex(o => new { o.ProviderId, o.Service, o.ServiceDay });
        builder.HasIndex(o => new { o.ElderId, o.Status });
        builder.HasIndex(o => new { o.CommunityId, o.Status });
        builder.HasIndex(o => new { o.Status, o.EscalatedAt });
    }
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
