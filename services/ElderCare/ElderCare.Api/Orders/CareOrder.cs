using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Api.Orders;

/// <summary>
/// A menu-style order (点单) of one service for one person and time slot, matched to a provider (派单), accepted
/// (接单), visited and rated (评价); escalated to the community (转社区) when no provider takes it or the visit is late.
/// </summary>
public sealed class CareOrder
{
    public Guid Id { get; init; }

    public Guid ElderId { get; init; }

    public Guid CommunityId { get; init; }

    public CareService Service { get; init; }

    public DateTimeOffset SlotStart { get; init; }

    public DateTimeOffset SlotEnd { get; init; }

    /// <summary>The day (China Standard Time) whose capacity the order takes.</summary>
    public DateOnly ServiceDay { get; init; }

    public CareOrderStatus Status { get; set; }

    public Guid? ProviderId { get; set; }

    /// <summary>Providers that declined this order, in order; never offered it again.</summary>
    public Guid[] DeclinedProviderIds { get; set; } = [];

    public long PriceFen { get; set; }

    public long SubsidyFen { get; set; }

    public long ResidentShareFen { get; set; }

    public required string PlacedBy { get; init; }

    public DateTimeOffset PlacedAt { get; init; }

    public DateTimeOffset? OfferedAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? VisitStartedAt { get; set; }

    public DateTimeOffset? VisitEndedAt { get; set; }

    public int? Stars { get; set; }

    public string? RatingComment { get; set; }

    public DateTimeOffset? RatedAt { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }

    public string? EscalationReason { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>When the community last recorded what it did about the escalation; null while no one has.</summary>
    public DateTimeOffset? LastFollowedUpAt { get; set; }

    public uint Version { get; private set; }

    /// <summary>Offers the order to a provider at the charge of its offering for the person's ability level.</summary>
    public void OfferTo(Guid providerId, CareCharge charge, DateTimeOffset now)
    {
        Status = CareOrderStatus.Offered;
        ProviderId = providerId;
        (PriceFen, SubsidyFen, ResidentShareFen) = (charge.PriceFen, charge.SubsidyFen, charge.ResidentShareFen);
        OfferedAt = now;
        AcceptedAt = null;
    }

    /// <summary>No provider can take it: the community arranges care; the order is escalated at once.</summary>
    public void Unmatch(DateTimeOffset now)
    {
        Status = CareOrderStatus.Unmatched;
        ProviderId = null;
        (PriceFen, SubsidyFen, ResidentShareFen) = (0, 0, 0);
        Escalate(EscalationReasons.NoProvider, now);
    }

    public void Escalate(string reason, DateTimeOffset now)
    {
        EscalatedAt = now;
        EscalationReason = reason;
    }

    /// <summary>The community's note on an escalated order; null when the order was never escalated (nothing to follow up).</summary>
    public CareOrderFollowUp? FollowUp(string note, string recordedBy, DateTimeOffset now)
    {
        if (EscalatedAt is null)
        {
            return null;
        }

        LastFollowedUpAt = now;
        return new CareOrderFollowUp
        {
            Id = Guid.CreateVersion7(now), OrderId = Id, Note = note, RecordedBy = recordedBy, RecordedAt = now,
        };
    }
}

internal sealed class CareOrderConfiguration : IEntityTypeConfiguration<CareOrder>
{
    public void Configure(EntityTypeBuilder<CareOrder> builder)
    {
        builder.ToTable("care_orders");
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
