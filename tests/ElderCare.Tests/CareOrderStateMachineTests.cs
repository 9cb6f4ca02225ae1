using Platform.Contracts.Events;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Tests;

/// <summary>The care-order lifecycle on the entity, without a database: every move, every refusal and who may make it.</summary>
public sealed class CareOrderStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly Guid Provider = Guid.NewGuid();
    private static readonly CareCaller Holder = CareCaller.ProviderRunning(Provider);
    private static readonly CareCharge Charge = CareCharge.For(3000, [0, 1000, 1500, 2000, 2500], AbilityLevel.Able);

    private static CareOrder Placed(CareCaller? caller = null)
    {
        var slot = new CareSlot(CareService.Meal, Now.AddHours(5), Now.AddHours(6), DateOnly.FromDateTime(Now.AddHours(13).Date));
        var (order, refusal) = CareOrder.Place(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), slot, caller ?? CareCaller.PersonOrGuardian, "owner:x", Now);
        Assert.Null(refusal);
        return order!;
    }

    private static CareOrder Offered()
    {
        var order = Placed();
        order.OfferTo(Provider, Charge, Now);
        return order;
    }

    private static CareOrder In(CareOrderStatus status)
    {
        var order = Offered();
        if (status == CareOrderStatus.Unmatched)
        {
            order = Placed();
            order.Unmatch(Now);
            return order;
        }

        var steps = new Func<CareOrder, CareOrderRefusal?>[]
        {
            o => o.Accept(Holder, Now), o => o.StartVisit(Holder, Now), o => o.EndVisit(Holder, Now),
        };
        var count = status switch
        {
            CareOrderStatus.Offered => 0, CareOrderStatus.Accepted => 1, CareOrderStatus.InProgress => 2, CareOrderStatus.Completed => 3,
            CareOrderStatus.Cancelled => 0, _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var step in steps.Take(count))
        {
            Assert.Null(step(order));
        }

        if (status == CareOrderStatus.Cancelled)
        {
            Assert.Null(order.Cancel(CareCaller.PersonOrGuardian, Now));
        }

        Assert.Equal(status, order.Status);
        return order;
    }

    [Fact]
    public void Placing_records_the_order_placed_and_matching_records_the_offer()
    {
        var order = Offered();

        var events = order.TakeIntegrationEvents();
        Assert.IsType<CareOrderPlaced>(events[0]);
        var matched = Assert.IsType<CareOrderMatched>(events[1]);
        Assert.Equal((Provider, 1), (matched.ProviderId, matched.Attempt));
        Assert.Equal((CareOrderStatus.Offered, Provider, 3000L), (order.Status, order.ProviderId, order.PriceFen));
        Assert.Empty(order.TakeIntegrationEvents());
    }

    [Theory]
    [InlineData(CareCallerRole.Provider)]
    [InlineData(CareCallerRole.None)]
    public void Only_the_person_guardian_community_worker_or_civil_affairs_places_an_order(CareCallerRole role)
    {
        var slot = new CareSlot(CareService.Meal, Now, Now.AddHours(1), DateOnly.FromDateTime(Now.Date));
        var (order, refusal) = CareOrder.Place(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), slot, new CareCaller(role, [Provider]), "x", Now);

        Assert.Null(order);
        Assert.Equal(("order_placer", CareOrderRefusalKind.NotAllowed), (refusal!.Code, refusal.Kind));
    }

    [Fact]
    public void The_whole_visit_accepted_started_ended_publishes_the_final_charge()
    {
        var order = Offered();
        order.TakeIntegrationEvents();

        Assert.Null(order.Accept(Holder, Now.AddMinutes(1)));
        Assert.Null(order.StartVisit(Holder, Now.AddHours(5)));
        Assert.Null(order.EndVisit(Holder, Now.AddHours(6)));

        Assert.Equal(CareOrderStatus.Completed, order.Status);
        Assert.Equal((Now.AddMinutes(1), Now.AddHours(5), Now.AddHours(6)), (order.AcceptedAt, order.VisitStartedAt, order.VisitEndedAt));
        var completed = Assert.IsType<CareVisitCompleted>(Assert.Single(order.TakeIntegrationEvents()));
        Assert.Equal((Provider, 3000L, 0L, 3000L), (completed.ProviderId, completed.PriceFen, completed.SubsidyFen, completed.ResidentShareFen));
    }

    public static TheoryData<string, CareOrderStatus, CareOrderStatus> ProviderMovesFromWrongStates()
    {
        var data = new TheoryData<string, CareOrderStatus, CareOrderStatus>();
        var moves = new[] { ("accept", CareOrderStatus.Offered), ("decline", CareOrderStatus.Offered), ("start", CareOrderStatus.Accepted),
            ("end", CareOrderStatus.InProgress) };
        var states = new[] { CareOrderStatus.Offered, CareOrderStatus.Accepted, CareOrderStatus.InProgress, CareOrderStatus.Completed,
            CareOrderStatus.Cancelled };
        foreach (var (move, needs) in moves)
        {
            foreach (var state in states.Where(s => s != needs))
            {
                data.Add(move, state, needs);
            }
        }

        return data;
    }

    private static CareOrderRefusal? Make(string move, CareOrder order, CareCaller caller) => move switch
    {
        "accept" => order.Accept(caller, Now),
        "decline" => order.Decline(caller),
        "start" => order.StartVisit(caller, Now),
        _ => order.EndVisit(caller, Now),
    };

    [Theory]
    [MemberData(nameof(ProviderMovesFromWrongStates))]
    public void A_provider_move_from_the_wrong_state_is_refused_as_order_state(string move, CareOrderStatus state, CareOrderStatus needs)
    {
        var order = In(state);

        var refusal = Make(move, order, Holder);

        Assert.Equal(("order_state", CareOrderRefusalKind.WrongState), (refusal!.Code, refusal.Kind));
        Assert.Equal([state, needs], refusal.Args);
        Assert.Equal(state, order.Status);
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("decline")]
    [InlineData("start")]
    [InlineData("end")]
    public void Only_the_provider_holding_the_order_moves_it(string move)
    {
        var callers = new[]
        {
            CareCaller.ProviderRunning(Guid.NewGuid()), CareCaller.PersonOrGuardian, CareCaller.CommunityWorker, CareCaller.CivilAffairs,
            CareCaller.Nobody,
        };
        foreach (var caller in callers)
        {
            var order = In(move switch { "start" => CareOrderStatus.Accepted, "end" => CareOrderStatus.InProgress, _ => CareOrderStatus.Offered });

            var refusal = Make(move, order, caller);

            Assert.Equal(("not_order_provider", CareOrderRefusalKind.NotAllowed), (refusal!.Code, refusal.Kind));
        }
    }

    [Fact]
    public void A_declined_order_never_goes_back_to_that_provider_and_is_offered_to_the_next()
    {
        var order = Offered();
        order.TakeIntegrationEvents();
        var next = Guid.NewGuid();

        Assert.Null(order.Decline(Holder));
        order.OfferTo(next, Charge, Now);

        Assert.Equal([Provider], order.DeclinedProviderIds);
        Assert.Equal(2, Assert.IsType<CareOrderMatched>(Assert.Single(order.TakeIntegrationEvents())).Attempt);
        Assert.Equal("not_order_provider", order.Accept(Holder, Now)!.Code);
    }

    [Fact]
    public void An_order_no_provider_takes_is_unmatched_and_escalated_at_once()
    {
        var order = Placed();
        order.TakeIntegrationEvents();

        order.Unmatch(Now);

        Assert.Equal((CareOrderStatus.Unmatched, (Guid?)null, 0L), (order.Status, order.ProviderId, order.PriceFen));
        var escalated = Assert.IsType<CareOrderEscalated>(Assert.Single(order.TakeIntegrationEvents()));
        Assert.Equal(("NoProvider", (Guid?)null), (escalated.Reason, escalated.ProviderId));
        Assert.Throws<InvalidOperationException>(() => order.OfferTo(Provider, Charge, Now));
    }

    [Theory]
    [InlineData(CareOrderStatus.Offered)]
    [InlineData(CareOrderStatus.Accepted)]
    [InlineData(CareOrderStatus.Unmatched)]
    public void An_order_is_cancelled_before_the_visit_starts(CareOrderStatus state)
    {
        var order = In(state);

        Assert.Null(order.Cancel(CareCaller.CommunityWorker, Now));

        Assert.Equal((CareOrderStatus.Cancelled, (DateTimeOffset?)Now), (order.Status, order.CancelledAt));
    }

    [Theory]
    [InlineData(CareOrderStatus.InProgress)]
    [InlineData(CareOrderStatus.Completed)]
    [InlineData(CareOrderStatus.Cancelled)]
    public void Once_the_visit_started_or_the_order_ended_it_cannot_be_cancelled(CareOrderStatus state)
    {
        var refusal = In(state).Cancel(CareCaller.CivilAffairs, Now);

        Assert.Equal(("order_not_cancellable", CareOrderRefusalKind.WrongState), (refusal!.Code, refusal.Kind));
        Assert.Equal([state], refusal.Args);
    }

    [Theory]
    [InlineData(CareCallerRole.Provider)]
    [InlineData(CareCallerRole.None)]
    public void A_provider_or_a_stranger_cannot_cancel_or_rate(CareCallerRole role)
    {
        var caller = new CareCaller(role, [Provider]);

        Assert.Equal("order_placer", In(CareOrderStatus.Offered).Cancel(caller, Now)!.Code);
        Assert.Equal("order_rater", In(CareOrderStatus.Completed).Rate(caller, 5, null, Now)!.Code);
    }

    [Fact]
    public void A_completed_visit_is_rated_once()
    {
        var order = In(CareOrderStatus.Completed);

        Assert.Null(order.Rate(CareCaller.PersonOrGuardian, 4, "准时", Now));
        var again = order.Rate(CareCaller.PersonOrGuardian, 5, null, Now);

        Assert.Equal((4, "准时"), (order.Stars, order.RatingComment));
        Assert.Equal(("order_not_rateable", CareOrderRefusalKind.WrongState), (again!.Code, again.Kind));
    }

    [Theory]
    [InlineData(CareOrderStatus.Offered)]
    [InlineData(CareOrderStatus.Accepted)]
    [InlineData(CareOrderStatus.InProgress)]
    [InlineData(CareOrderStatus.Cancelled)]
    public void Only_a_completed_visit_is_rated(CareOrderStatus state) =>
        Assert.Equal("order_not_rateable", In(state).Rate(CareCaller.CommunityWorker, 5, null, Now)!.Code);

    [Fact]
    public void An_offer_not_accepted_in_time_is_escalated_once_and_stays_with_its_provider()
    {
        var order = Offered();
        order.TakeIntegrationEvents();

        Assert.Null(order.EscalateIfLate(Now.AddMinutes(119), TimeSpan.FromHours(2), TimeSpan.FromMinutes(30)));
        Assert.Equal("NotAccepted", order.EscalateIfLate(Now.AddHours(2), TimeSpan.FromHours(2), TimeSpan.FromMinutes(30)));
        Assert.Null(order.EscalateIfLate(Now.AddHours(3), TimeSpan.FromHours(2), TimeSpan.FromMinutes(30)));

        Assert.Equal((CareOrderStatus.Offered, (Guid?)Provider), (order.Status, order.ProviderId));
        Assert.Equal(Provider, Assert.IsType<CareOrderEscalated>(Assert.Single(order.TakeIntegrationEvents())).ProviderId);
    }

    [Fact]
    public void An_accepted_visit_not_started_after_the_grace_is_escalated_as_late()
    {
        var order = In(CareOrderStatus.Accepted);

        Assert.Null(order.EscalateIfLate(order.SlotStart.AddMinutes(29), TimeSpan.FromHours(2), TimeSpan.FromMinutes(30)));
        Assert.Equal("LateVisit", order.EscalateIfLate(order.SlotStart.AddMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromMinutes(30)));
    }

    [Theory]
    [InlineData(CareOrderStatus.InProgress)]
    [InlineData(CareOrderStatus.Completed)]
    [InlineData(CareOrderStatus.Cancelled)]
    public void An_order_past_acceptance_and_start_is_never_escalated(CareOrderStatus state) =>
        Assert.Null(In(state).EscalateIfLate(Now.AddDays(2), TimeSpan.FromHours(2), TimeSpan.FromMinutes(30)));

    [Theory]
    [InlineData(CareCallerRole.CommunityWorker)]
    [InlineData(CareCallerRole.CivilAffairs)]
    public void The_community_follows_up_an_escalated_order(CareCallerRole role)
    {
        var order = In(CareOrderStatus.Unmatched);

        var (followUp, refusal) = order.FollowUp(new CareCaller(role, []), "已安排社区食堂送餐", "township:x", Now.AddHours(1));

        Assert.Null(refusal);
        Assert.Equal((order.Id, "已安排社区食堂送餐"), (followUp!.OrderId, followUp.Note));
        Assert.Equal(Now.AddHours(1), order.LastFollowedUpAt);
    }

    [Theory]
    [InlineData(CareCallerRole.PersonOrGuardian)]
    [InlineData(CareCallerRole.Provider)]
    [InlineData(CareCallerRole.None)]
    public void Neither_the_family_nor_the_provider_records_a_follow_up(CareCallerRole role)
    {
        var (followUp, refusal) = In(CareOrderStatus.Unmatched).FollowUp(new CareCaller(role, [Provider]), "note", "x", Now);

        Assert.Null(followUp);
        Assert.Equal(("order_follower", CareOrderRefusalKind.NotAllowed), (refusal!.Code, refusal.Kind));
    }

    [Fact]
    public void An_order_never_escalated_has_nothing_to_follow_up()
    {
        var order = In(CareOrderStatus.Accepted);

        var (followUp, refusal) = order.FollowUp(CareCaller.CommunityWorker, "note", "x", Now);

        Assert.Null(followUp);
        Assert.Equal(("order_not_escalated", CareOrderRefusalKind.WrongState), (refusal!.Code, refusal.Kind));
        Assert.Null(order.LastFollowedUpAt);
    }
}
