using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.ElderCare.Api.Infrastructure;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Api.Orders;

/// <summary>Menu-style orders: placed, matched, accepted or declined, visited, rated, cancelled.</summary>
public static class OrderEndpoints
{
    /// <summary>How far ahead a slot may be booked.</summary>
    public static readonly TimeSpan BookingHorizon = TimeSpan.FromDays(60);

    public static RouteGroupBuilder MapOrderEndpoints(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("").WithTags("Care orders");
        orders.MapPost("/elders/{elderId:guid}/orders", Place).WithName("PlaceCareOrder")
            .WithSummary("Order a service for a time slot (the person or guardian, a community worker, Civil Affairs); matched at once to a provider, or escalated to the community when none can take it")
            .RequireScope(Scopes.ElderCareWrite).AsAuditedCommand();
        orders.MapGet("/elders/{elderId:guid}/orders", ListForElder).WithName("ListElderCareOrders")
            .WithSummary("A person's orders, newest slot first").RequireScope(Scopes.ElderCareRead);
        orders.MapGet("/orders", List).WithName("ListCareOrders")
            .WithSummary("The orders the caller may see (a provider: those it holds), by status, community or escalation").RequireScope(Scopes.ElderCareRead);
        orders.MapGet("/orders/{orderId:guid}", Get).WithName("GetCareOrder").WithSummary("An order").RequireScope(Scopes.ElderCareRead);
        orders.MapPost("/orders/{orderId:guid}/acceptance", Accept).WithName("AcceptCareOrder")
            .WithSummary("The offered provider takes the order (接单)").RequireScope(Scopes.ElderCareWrite).AsAuditedCommand();
        orders.MapPost("/orders/{orderId:guid}/decline", Decline).WithName("DeclineCareOrder")
            .WithSummary("The offered provider declines; the order goes to the next provider, or to the community").RequireScope(Scopes.ElderCareWrite).AsAuditedCommand();
        orders.MapPost("/orders/{orderId:guid}/visit-start", StartVisit).WithName("StartCareVisit")
            .WithSummary("The provider records the start of the visit").RequireScope(Scopes.ElderCareWrite).AsAuditedCommand();
        orders.MapPost("/orders/{orderId:guid}/visit-end", EndVisit).WithName("EndCareVisit")
            .WithSummary("The provider records the end of the visit; the charge (subsidy and resident's share) is final").RequireScope(Scopes.ElderCareWrite).AsAuditedCommand();
        orders.MapPost("/orders/{orderId:guid}/rating", Rate).WithName("RateCareOrder")
            .WithSummary("The person or guardian (or a community worker for them) rates a completed visit, 1–5 stars").RequireScope(Scopes.ElderCareWrite).AsAuditedCommand();
        orders.MapPost("/orders/{orderId:guid}/cancellation", Cancel).WithName("CancelCareOrder")
            .WithSummary("Call an order off before its visit starts (whoever may order it)").RequireScope(Scopes.ElderCareWrite).AsAuditedCommand();
        orders.MapPost("/orders/{orderId:guid}/follow-ups", FollowUp).WithName("RecordCareOrderFollowUp")
            .WithSummary("A community worker of the order's township, or Civil Affairs, records what was done about an escalated order")
            .RequireScope(Scopes.ElderCareWrite).AsAuditedCommand();
        orders.MapGet("/orders/{orderId:guid}/follow-ups", ListFollowUps).WithName("ListCareOrderFollowUps")
            .WithSummary("What the community recorded about an escalated order, oldest first").RequireScope(Scopes.ElderCareRead);
        return api;
    }

    public static async Task<Results<Created<CareOrderResponse>, ValidationProblem, ProblemHttpResult>> Place(
        Guid elderId, PlaceOrderRequest request, ElderCareDbContext db, ProviderMatcher matcher, CallerAccess access, BusinessCalendar calendar,
        CancellationToken ct)
    {
        var elder = await db.ElderProfiles.AsNoTracking().FirstOrDefaultAsync(e => e.Id == elderId, ct);
        if (elder is null)
        {
            return Problems.NotFound("elder");
        }

        if (!MayOrderFor(access, db))
        {
            return Problems.Forbidden("order_placer", ElderCareText.Messages);
        }

        var now = calendar.Now;
        if (request.SlotStart < now)
        {
            return Problems.Validation(new ValidationErrors().Add("slotStart", "error.in_past"), ElderCareText.Messages);
        }

        if (request.SlotStart > now + BookingHorizon)
        {
            return Problems.Validation(new ValidationErrors().Add("slotStart", "error.beyond_horizon", BookingHorizon.TotalDays), ElderCareText.Messages);
        }

        var order = new CareOrder
        {
            Id = Guid.CreateVersion7(now), ElderId = elderId, CommunityId = elder.CommunityId, Service = request.Service!.Value,
            SlotStart = request.SlotStart!.Value.ToUniversalTime(), SlotEnd = request.SlotEnd!.Value.ToUniversalTime(), ServiceDay = calendar.DateOf(request.SlotStart.Value),
            PlacedBy = access.Actor, PlacedAt = now,
        };
        db.AddIntegrationEvent(new CareOrderPlaced(order.Id, elderId, order.CommunityId, order.Service.ToString(), order.SlotStart, order.SlotEnd, now), now);
        await matcher.MatchAsync(order, elder.AbilityLevel, now, ct);
        // Checked under the day's capacity lock the matcher now holds: one open order per person, service and day, so
        // nobody (an owner's app included) books a provider's places out for one person, and two identical orders
        // sent at once make one.
        if (await db.CareOrders.IgnoreQueryFilters().AnyAsync(o => o.ElderId == elderId && o.Service == order.Service && o.ServiceDay == order.ServiceDay
                                                                  && CareOrderStatuses.Active.Contains(o.Status), ct))
        {
            // A refused command is rolled back whole (the audited command's transaction): the events above go with it.
            return Problems.Conflict("order_exists", ElderCareText.Messages, order.Service, order.ServiceDay);
        }

        db.CareOrders.Add(order);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{ElderCareApi.Prefix}/orders/{order.Id}", CareOrderResponse.From(order));
    }

    public static async Task<Results<Ok<List<CareOrderResponse>>, ProblemHttpResult>> ListForElder(Guid elderId, ElderCareDbContext db, CancellationToken ct)
    {
        if (!await db.ElderProfiles.AnyAsync(e => e.Id == elderId, ct))
        {
            return Problems.NotFound("elder");
        }

        var orders = await db.CareOrders.AsNoTracking().Where(o => o.ElderId == elderId).OrderByDescending(o => o.SlotStart).Take(500).ToListAsync(ct);
        return TypedResults.Ok(orders.Select(CareOrderResponse.From).ToList());
    }

    public static async Task<Ok<List<CareOrderResponse>>> List([AsParameters] ListOrdersQuery query, ElderCareDbContext db, CancellationToken ct)
    {
        var orders = db.CareOrders.AsNoTracking();
        if (query.Status is { } status)
        {
            orders = orders.Where(o => o.Status == status);
        }

        if (query.CommunityId is { } communityId)
        {
            orders = orders.Where(o => o.CommunityId == communityId);
        }

        if (query.Escalated is { } escalated)
        {
            orders = orders.Where(o => (o.EscalatedAt != null) == escalated);
        }

        if (query.FollowedUp is { } followedUp)
        {
            orders = orders.Where(o => (o.LastFollowedUpAt != null) == followedUp);
        }

        return TypedResults.Ok((await orders.OrderByDescending(o => o.SlotStart).Take(1000).ToListAsync(ct)).Select(CareOrderResponse.From).ToList());
    }

    public static async Task<Results<Ok<CareOrderResponse>, ProblemHttpResult>> Get(Guid orderId, ElderCareDbContext db, CancellationToken ct) =>
        await db.CareOrders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, ct) is { } order
            ? TypedResults.Ok(CareOrderResponse.From(order))
            : Problems.NotFound("care_order");

    public static Task<Results<Ok<CareOrderResponse>, ProblemHttpResult>> Accept(
        Guid orderId, ElderCareDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct) =>
        AsProvider(orderId, db, access, CareOrderStatus.Offered, (order, now) =>
        {
            order.Status = CareOrderStatus.Accepted;
            order.AcceptedAt = now;
        }, time, ct);

    public static async Task<Results<NoContent, ProblemHttpResult>> Decline(
        Guid orderId, DeclineOrderRequest request, ElderCareDbContext db, ProviderMatcher matcher, CallerAccess access, TimeProvider time,
        ILogger<ProviderMatcher> logger, CancellationToken ct)
    {
        var (order, problem) = await HeldBy(orderId, db, access, CareOrderStatus.Offered, ct);
        if (order is null)
        {
            return problem!;
        }

        var now = time.GetUtcNow();
        logger.LogInformation("Provider {ProviderId} declined care order {OrderId}", order.ProviderId, order.Id);
        order.DeclinedProviderIds = [.. order.DeclinedProviderIds, order.ProviderId!.Value];
        await matcher.MatchAsync(order, now, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static Task<Results<Ok<CareOrderResponse>, ProblemHttpResult>> StartVisit(
        Guid orderId, ElderCareDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct) =>
        AsProvider(orderId, db, access, CareOrderStatus.Accepted, (order, now) =>
        {
            order.Status = CareOrderStatus.InProgress;
            order.VisitStartedAt = now;
        }, time, ct);

    public static Task<Results<Ok<CareOrderResponse>, ProblemHttpResult>> EndVisit(
        Guid orderId, ElderCareDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct) =>
        AsProvider(orderId, db, access, CareOrderStatus.InProgress, (order, now) =>
        {
            order.Status = CareOrderStatus.Completed;
            order.VisitEndedAt = now;
            db.AddIntegrationEvent(new CareVisitCompleted(order.Id, order.ProviderId!.Value, order.CommunityId, order.Service.ToString(), order.VisitStartedAt!.Value,
                now, order.PriceFen, order.SubsidyFen, order.ResidentShareFen, now), now);
        }, time, ct);

    public static async Task<Results<Ok<CareOrderResponse>, ProblemHttpResult>> Rate(
        Guid orderId, RateOrderRequest request, ElderCareDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        var (order, problem) = await ForPlacer(orderId, db, access, "order_rater", ct);
        if (order is null)
        {
            return problem!;
        }

        if (order.Status != CareOrderStatus.Completed || order.Stars is not null)
        {
            return Problems.Conflict("order_not_rateable", ElderCareText.Messages);
        }

        var stars = request.Stars!.Value;
        order.Stars = stars;
        order.RatingComment = request.Comment?.Trim();
        order.RatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        // Atomic on the row: ratings of one provider never overwrite each other.
        await db.CareProviders.IgnoreQueryFilters().Where(p => p.Id == order.ProviderId)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.RatingSum, p => p.RatingSum + stars).SetProperty(p => p.RatingCount, p => p.RatingCount + 1), ct);
        return TypedResults.Ok(CareOrderResponse.From(order));
    }

    public static async Task<Results<Ok<CareOrderResponse>, ProblemHttpResult>> Cancel(
        Guid orderId, ElderCareDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        var (order, problem) = await ForPlacer(orderId, db, access, "order_placer", ct);
        if (order is null)
        {
            return problem!;
        }

        if (order.Status is not (CareOrderStatus.Offered or CareOrderStatus.Accepted or CareOrderStatus.Unmatched))
        {
            return Problems.Conflict("order_not_cancellable", ElderCareText.Messages, order.Status);
        }

        order.Status = CareOrderStatus.Cancelled;
        order.CancelledAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CareOrderResponse.From(order));
    }

    /// <summary>
    /// The community follows up an escalated order (转社区): a community worker of the township the order's community is in
    /// (the filter shows a township only those orders) or Civil Affairs records what was done; not the provider, not the family.
    /// </summary>
    public static async Task<Results<Created<CareOrderFollowUpResponse>, ValidationProblem, ProblemHttpResult>> FollowUp(
        Guid orderId, RecordFollowUpRequest request, ElderCareDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        var order = await db.CareOrders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return Problems.NotFound("care_order");
        }

        if (!access.IsCivilAffairs() && access.TownshipId is null)
        {
            return Problems.Forbidden("order_follower", ElderCareText.Messages);
        }

        if (order.FollowUp(request.Note!.Trim(), access.Actor, time.GetUtcNow()) is not { } followUp)
        {
            return Problems.Conflict("order_not_escalated", ElderCareText.Messages);
        }

        db.CareOrderFollowUps.Add(followUp);
        await db.SaveChangesAsync(ct);
        var location = $"{ElderCareApi.Prefix}/orders/{order.Id}/follow-ups";
        return TypedResults.Created(location, CareOrderFollowUpResponse.From(followUp));
    }

    public static async Task<Results<Ok<List<CareOrderFollowUpResponse>>, ProblemHttpResult>> ListFollowUps(
        Guid orderId, ElderCareDbContext db, CancellationToken ct)
    {
        if (!await db.CareOrders.AnyAsync(o => o.Id == orderId, ct))
        {
            return Problems.NotFound("care_order");
        }

        var followUps = await db.CareOrderFollowUps.AsNoTracking().Where(f => f.OrderId == orderId)
            .OrderBy(f => f.RecordedAt).ThenBy(f => f.Id).ToListAsync(ct);
        return TypedResults.Ok(followUps.Select(CareOrderFollowUpResponse.From).ToList());
    }

    /// <summary>Who orders for a person they can see: Civil Affairs, a community worker of the township, the guardian or the person — not a provider.</summary>
    private static bool MayOrderFor(CallerAccess access, ElderCareDbContext db) =>
        access.IsCivilAffairs() || access.TownshipId is not null || (access.OwnerId is not null && db.WardElderIds.Count > 0);

    /// <summary>The order, when the caller may act for the person it is for (see <see cref="MayOrderFor"/>); else the problem to answer.</summary>
    private static async Task<(CareOrder? Order, ProblemHttpResult? Problem)> ForPlacer(
        Guid orderId, ElderCareDbContext db, CallerAccess access, string refusal, CancellationToken ct)
    {
        var order = await db.CareOrders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return (null, Problems.NotFound("care_order"));
        }

        return MayOrderFor(access, db) ? (order, null) : (null, Problems.Forbidden(refusal, ElderCareText.Messages));
    }

    private static async Task<Results<Ok<CareOrderResponse>, ProblemHttpResult>> AsProvider(
        Guid orderId, ElderCareDbContext db, CallerAccess access, CareOrderStatus expected, Action<CareOrder, DateTimeOffset> change, TimeProvider time,
        CancellationToken ct)
    {
        var (order, problem) = await HeldBy(orderId, db, access, expected, ct);
        if (order is null)
        {
            return problem!;
        }

        change(order, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CareOrderResponse.From(order));
    }

    /// <summary>The order, when the caller is the provider holding it and it is in the expected state; else the problem to answer.</summary>
    private static async Task<(CareOrder? Order, ProblemHttpResult? Problem)> HeldBy(
        Guid orderId, ElderCareDbContext db, CallerAccess access, CareOrderStatus expected, CancellationToken ct)
    {
        var order = await db.CareOrders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return (null, Problems.NotFound("care_order"));
        }

        var organisationId = access.ProviderOrganisationId();
        if (organisationId is null || !await db.CareProviders.AnyAsync(p => p.Id == order.ProviderId && p.OrganisationId == organisationId, ct))
        {
            return (null, Problems.Forbidden("not_order_provider", ElderCareText.Messages));
        }

        return order.Status == expected
            ? (order, null)
            : (null, Problems.Conflict("order_state", ElderCareText.Messages, order.Status, expected));
    }
}
