using Platform.Contracts.Events;

namespace Platform.ElderCare.Domain.Care;

/// <summary>One service for one time slot: what is booked, in UTC, and the day (China Standard Time) whose capacity it takes.</summary>
public sealed record CareSlot(CareService Service, DateTimeOffset Start, DateTimeOffset End, DateOnly Day);

/// <summary>
/// A menu-style order (点单) of one service for one person and time slot, matched to a provider (派单), accepted
/// (接单), visited and rated (评价); escalated to the community (转社区) when no provider takes it or the visit is late.
/// Every move is a method here: it refuses an illegal one with a named reason and records the events to publish.
/// </summary>
public sealed class CareOrder
{
    private readonly List<object> events = [];

    // For EF Core: an order comes into being only by Place.
    private CareOrder()
    {
    }

    public Guid Id { get; private init; }

    public Guid ElderId { get; private init; }

    public Guid CommunityId { get; private init; }

    public CareService Service { get; private init; }

    public DateTimeOffset SlotStart { get; private init; }

    public DateTimeOffset SlotEnd { get; private init; }

    /// <summary>The day (China Standard Time) whose capacity the order takes.</summary>
    public DateOnly ServiceDay { get; private init; }

    public CareOrderStatus Status { get; private set; }

    public Guid? ProviderId { get; private set; }

    /// <summary>Providers that declined this order, in order; never offered it again.</summary>
    public Guid[] DeclinedProviderIds { get; private set; } = [];

    public long PriceFen { get; private set; }

    public long SubsidyFen { get; private set; }

    public long ResidentShareFen { get; private set; }

    public string PlacedBy { get; private init; } = "";

    public DateTimeOffset PlacedAt { get; private init; }

    public DateTimeOffset? OfferedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? VisitStartedAt { get; private set; }

    public DateTimeOffset? VisitEndedAt { get; private set; }

    public int? Stars { get; private set; }

    public string? RatingComment { get; private set; }

    public DateTimeOffset? RatedAt { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    public string? EscalationReason { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    /// <summary>When the community last recorded what it did about the escalation; null while no one has.</summary>
    public DateTimeOffset? LastFollowedUpAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>The integration events recorded since the order was loaded or last drained, oldest first.</summary>
    public IReadOnlyList<object> IntegrationEvents => events;

    /// <summary>Hands over the recorded events (to the outbox) and forgets them.</summary>
    public IReadOnlyList<object> TakeIntegrationEvents()
    {
        var taken = events.ToList();
        events.Clear();
        return taken;
    }

    /// <summary>The person, their guardian, a community worker or Civil Affairs orders; the order still needs a provider (<see cref="OfferTo"/>).</summary>
    public static (CareOrder? Order, CareOrderRefusal? Refusal) Place(
        Guid id, Guid elderId, Guid communityId, CareSlot slot, CareCaller caller, string placedBy, DateTimeOffset now)
    {
        if (!caller.MayOrder)
        {
            return (null, CareOrderRefusal.NotAllowed(CareOrderRefusals.NotPlacer));
        }

        var order = new CareOrder
        {
            Id = id, ElderId = elderId, CommunityId = communityId, Service = slot.Service, SlotStart = slot.Start.ToUniversalTime(),
            SlotEnd = slot.End.ToUniversalTime(), ServiceDay = slot.Day, PlacedBy = placedBy, PlacedAt = now, Status = CareOrderStatus.Offered,
        };
        order.events.Add(new CareOrderPlaced(id, elderId, communityId, slot.Service.ToString(), order.SlotStart, order.SlotEnd, now));
        return (order, null);
    }

    /// <summary>Offers the order to a provider at the charge of its offering for the person's ability level.</summary>
    public void OfferTo(Guid providerId, CareCharge charge, DateTimeOffset now)
    {
        EnsureMatching();
        Status = CareOrderStatus.Offered;
        ProviderId = providerId;
        (PriceFen, SubsidyFen, ResidentShareFen) = (charge.PriceFen, charge.SubsidyFen, charge.ResidentShareFen);
        OfferedAt = now;
        AcceptedAt = null;
        events.Add(new CareOrderMatched(Id, providerId, CommunityId, Service.ToString(), ServiceDay, DeclinedProviderIds.Length + 1, now));
    }

    /// <summary>No provider can take it: the community arranges care; the order is escalated at once.</summary>
    public void Unmatch(DateTimeOffset now)
    {
        EnsureMatching();
        Status = CareOrderStatus.Unmatched;
        ProviderId = null;
        (PriceFen, SubsidyFen, ResidentShareFen) = (0, 0, 0);
        Escalate(EscalationReasons.NoProvider, now);
    }

    /// <summary>The offered provider takes the order (接单).</summary>
    public CareOrderRefusal? Accept(CareCaller caller, DateTimeOffset now) => AsProvider(caller, CareOrderStatus.Offered) ?? Move(() =>
    {
        Status = CareOrderStatus.Accepted;
        AcceptedAt = now;
    });

    /// <summary>The offered provider passes; it is never offered this order again. The caller matches the order anew.</summary>
    public CareOrderRefusal? Decline(CareCaller caller) => AsProvider(caller, CareOrderStatus.Offered) ?? Move(() =>
        DeclinedProviderIds = [.. DeclinedProviderIds, ProviderId!.Value]);

    public CareOrderRefusal? StartVisit(CareCaller caller, DateTimeOffset now) => AsProvider(caller, CareOrderStatus.Accepted) ?? Move(() =>
    {
        Status = CareOrderStatus.InProgress;
        VisitStartedAt = now;
    });

    /// <summary>The visit ends; the charge (subsidy and resident's share) is final and published.</summary>
    public CareOrderRefusal? EndVisit(CareCaller caller, DateTimeOffset now) => AsProvider(caller, CareOrderStatus.InProgress) ?? Move(() =>
    {
        Status = CareOrderStatus.Completed;
        VisitEndedAt = now;
        events.Add(new CareVisitCompleted(Id, ProviderId!.Value, CommunityId, Service.ToString(), VisitStartedAt!.Value, now, PriceFen, SubsidyFen,
            ResidentShareFen, now));
    });

    /// <summary>The person or guardian (or a community worker for them) rates a completed visit once.</summary>
    public CareOrderRefusal? Rate(CareCaller caller, int stars, string? comment, DateTimeOffset now)
    {
        if (!caller.MayOrder)
        {
            return CareOrderRefusal.NotAllowed(CareOrderRefusals.NotRater);
        }

        if (Status != CareOrderStatus.Completed || Stars is not null)
        {
            return CareOrderRefusal.WrongState(CareOrderRefusals.NotRateable);
        }

        if (stars is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(stars), stars, "A rating is 1 to 5 stars.");
        }

        (Stars, RatingComment, RatedAt) = (stars, comment, now);
        return null;
    }

    /// <summary>Whoever may order calls it off before the visit starts.</summary>
    public CareOrderRefusal? Cancel(CareCaller caller, DateTimeOffset now)
    {
        if (!caller.MayOrder)
        {
            return CareOrderRefusal.NotAllowed(CareOrderRefusals.NotPlacer);
        }

        if (Status is not (CareOrderStatus.Offered or CareOrderStatus.Accepted or CareOrderStatus.Unmatched))
        {
            return CareOrderRefusal.WrongState(CareOrderRefusals.NotCancellable, Status);
        }

        (Status, CancelledAt) = (CareOrderStatus.Cancelled, now);
        return null;
    }

    /// <summary>
    /// Hands a late order to the community, once: offered and not accepted in time, or accepted and the visit not started
    /// (<see cref="CareSchedule.EscalationReason"/>). The order stays with its provider. Returns the reason, or null when not due.
    /// </summary>
    public string? EscalateIfLate(DateTimeOffset now, TimeSpan acceptWithin, TimeSpan lateAfter)
    {
        if (EscalatedAt is not null || OfferedAt is not { } offeredAt
            || CareSchedule.EscalationReason(Status, offeredAt, SlotStart, now, acceptWithin, lateAfter) is not { } reason)
        {
            return null;
        }

        Escalate(reason, now);
        return reason;
    }

    /// <summary>A community worker of the order's township or Civil Affairs records what was done about the escalation.</summary>
    public (CareOrderFollowUp? FollowUp, CareOrderRefusal? Refusal) FollowUp(CareCaller caller, string note, string recordedBy, DateTimeOffset now)
    {
        if (!caller.MayFollowUp)
        {
            return (null, CareOrderRefusal.NotAllowed(CareOrderRefusals.NotFollower));
        }

        if (EscalatedAt is null)
        {
            return (null, CareOrderRefusal.WrongState(CareOrderRefusals.NotEscalated));
        }

        LastFollowedUpAt = now;
        var followUp = new CareOrderFollowUp { Id = Guid.CreateVersion7(now), OrderId = Id, Note = note, RecordedBy = recordedBy, RecordedAt = now };
        return (followUp, null);
    }

    private void Escalate(string reason, DateTimeOffset now)
    {
        (EscalatedAt, EscalationReason) = (now, reason);
        events.Add(new CareOrderEscalated(Id, CommunityId, ProviderId, reason, now));
    }

    /// <summary>Only the provider holding the order moves it on, and only from the state the step needs.</summary>
    private CareOrderRefusal? AsProvider(CareCaller caller, CareOrderStatus expected) =>
        !caller.Holds(this) ? CareOrderRefusal.NotAllowed(CareOrderRefusals.NotProvider)
        : Status != expected ? CareOrderRefusal.WrongState(CareOrderRefusals.State, Status, expected)
        : null;

    private static CareOrderRefusal? Move(Action change)
    {
        change();
        return null;
    }

    // Matching is for an order just placed or just declined; anything else is a bug in the caller, not a user's mistake.
    private void EnsureMatching()
    {
        if (Status != CareOrderStatus.Offered || CancelledAt is not null)
        {
            throw new InvalidOperationException($"An order {Status} is not matched.");
        }
    }
}
