using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
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
        Guid elderId, PlaceOrderRequest request, [AsParameters] OrderPlacementServices services, CancellationToken ct)
    {
        var (db, matcher, access, calendar) = services;
        var elder = await db.ElderProfiles.AsNoTracking().FirstOrDefaultAsync(e => e.Id == elderId, ct);
        if (elder is null)
        {
            return Problems.NotFound("elder");
        }

        var caller = await access.CareCallerAsync(db, ct);
        if (!caller.MayOrder)
        {
            return CareOrderRefusal.NotAllowed(CareOrderRefusals.NotPlacer).ToProblem();
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

        var slot = new CareSlot(request.Service!.Value, request.SlotStart!.Value, request.SlotEnd!.Value, calendar.DateOf(request.SlotStart.Value));
        var (order, refusal) = CareOrder.Place(Guid.CreateVersion7(now), elderId, elder.CommunityId, slot, caller, access.Actor, now);
        if (order is null)
        {
            return refusal!.ToProblem();
        }

        await matcher.MatchAsync(order, elder.AbilityLevel, now, ct);
        // Checked under the day's capacity lock the matcher now holds: one open order per person, service and day, so
        // nobody (an owner's app included) books a provider's places out for one person, and two identical orders
        // sent at once make one.
        if (await db.CareOrders.IgnoreQueryFilters().AnyAsync(o => o.ElderId == elderId && o.Service == order.Service && o.ServiceDay == order.ServiceDay
                                                                  && CareOrderStatuses.Active.Contains(o.Status), ct))
        {
            // A refused command is rolled back whole (the audited command's transaction).
            return Problems.Conflict("order_exists", ElderCareText.Messages, order.Service, order.ServiceDay);
        }

        db.CareOrders.Add(order);
        db.AddIntegrationEvents(order, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{ElderCareApi.Prefix}/orders/{order.Id}", CareOrderResponse.From(order));
    }

    public static async Task<Results<Ok<Page<CareOrderResponse>>, ProblemHttpResult>> ListForElder(
        Guid elderId, [AsParameters] PageQuery page, ElderCareDbContext db, CancellationToken ct)
    {
        if (!await db.ElderProfiles.AnyAsync(e => e.Id == elderId, ct))
        {
            return Problems.NotFound("elder");
        }

        var orders = db.CareOrders.AsNoTracking().Where(o => o.ElderId == elderId).OrderByDescending(o => o.SlotStart).ThenBy(o => o.Id);
        return TypedResults.Ok(await orders.PageAsync(page, CareOrderResponse.From, ct));
    }

    public static async Task<Ok<Page<CareOrderResponse>>> List(
        [AsParameters] ListOrdersQuery query, [AsParameters] PageQuery page, ElderCareDbContext db, CancellationToken ct)
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

        return TypedResults.Ok(await orders.OrderByDescending(o => o.SlotStart).ThenBy(o => o.Id).PageAsync(page, CareOrderResponse.From, ct));
    }

    public static async Task<Results<Ok<CareOrderResponse>, ProblemHttpResult>> Get(Guid orderId, ElderCareDbContext db, CancellationToken ct) =>
        await db.CareOrders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, ct) is { } order
            ? TypedResults.Ok(CareOrderResponse.From(order))
            : Problems.NotFound("care_order");

    public static Task<Results<Ok<CareOrderResponse>, ProblemHttpResult>> Accept(
        Guid orderId, ElderCareDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct) =>
        Move(orderId, db, access, time, (order, caller, now) => order.Accept(caller, now), ct);

    public static async Task<Results<NoContent, ProblemHttpResult>> Decline(
        Guid orderId, DeclineOrderRequest request, [AsParameters] OrderDeclineServices services, CancellationToken ct)
    {
        var (db, matcher, access, time, logger) = services;
        var order = await db.CareOrders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return Problems.NotFound("care_order");
        }

        var providerId = order.ProviderId;
        if (order.Decline(await access.CareCallerAsync(db, ct)) is { } refusal)
        {
            return refusal.ToProblem();
        }

        var now = time.GetUtcNow();
        logger.LogInformation("Provider {ProviderId} declined care order {OrderId}", providerId, order.Id);
        await matcher.MatchAsync(order, now, ct);
        db.AddIntegrationEvents(order, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static Task<Results<Ok<CareOrderResponse>, ProblemHttpResult>> StartVisit(
        Guid orderId, ElderCareDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct) =>
        Move(orderId, db, access, time, (order, caller, now) => order.StartVisit(caller, now), ct);

    public static Task<Results<Ok<CareOrderResponse>, ProblemHttpResult>> EndVisit(
        Guid orderId, ElderCareDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct) =>
        Move(orderId, db, access, time, (order, caller, now) => order.EndVisit(caller, now), ct);

    public static async Task<Results<Ok<CareOrderResponse>, ProblemHttpResult>> Rate(
        Guid orderId, RateOrderRequest request, ElderCareDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        var stars = request.Stars!.Value;
        var result = await Move(orderId, db, access, time, (order, caller, now) => order.Rate(caller, stars, request.Comment?.Trim(), now), ct);
        if (result.Result is Ok<CareOrderResponse> { Value: { } rated })
        {
            // Atomic on the row: ratings of one provider never overwrite each other.
            await db.CareProviders.IgnoreQueryFilters().Where(p => p.Id == rated.ProviderId)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.RatingSum, p => p.RatingSum + stars).SetProperty(p => p.RatingCount, p => p.RatingCount + 1), ct);
        }

        return result;
    }

    public static Task<Results<Ok<CareOrderResponse>, ProblemHttpResult>> Cancel(
        Guid orderId, ElderCareDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct) =>
        Move(orderId, db, access, time, (order, caller, now) => order.Cancel(caller, now), ct);

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

        var (followUp, refusal) = order.FollowUp(await access.CareCallerAsync(db, ct), request.Note!.Trim(), access.Actor, time.GetUtcNow());
        if (followUp is null)
        {
            return refusal!.ToProblem();
        }

        db.CareOrderFollowUps.Add(followUp);
        await db.SaveChangesAsync(ct);
        var location = $"{ElderCareApi.Prefix}/orders/{order.Id}/follow-ups";
        return TypedResults.Created(location, CareOrderFollowUpResponse.From(followUp));
    }

    public static async Task<Results<Ok<Page<CareOrderFollowUpResponse>>, ProblemHttpResult>> ListFollowUps(
        Guid orderId, [AsParameters] PageQuery page, ElderCareDbContext db, CancellationToken ct)
    {
        if (!await db.CareOrders.AnyAsync(o => o.Id == orderId, ct))
        {
            return Problems.NotFound("care_order");
        }

        var followUps = db.CareOrderFollowUps.AsNoTracking().Where(f => f.OrderId == orderId).OrderBy(f => f.RecordedAt).ThenBy(f => f.Id);
        return TypedResults.Ok(await followUps.PageAsync(page, CareOrderFollowUpResponse.From, ct));
    }

    /// <summary>Loads the order, asks it to make the move as this caller, saves: the order's refusal is the answer's problem.</summary>
    private static async Task<Results<Ok<CareOrderResponse>, ProblemHttpResult>> Move(
        Guid orderId, ElderCareDbContext db, CallerAccess access, TimeProvider time, Func<CareOrder, CareCaller, DateTimeOffset, CareOrderRefusal?> move,
        CancellationToken ct)
    {
        var order = await db.CareOrders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return Problems.NotFound("care_order");
        }

        var now = time.GetUtcNow();
        if (move(order, await access.CareCallerAsync(db, ct), now) is { } refusal)
        {
            return refusal.ToProblem();
        }

        db.AddIntegrationEvents(order, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CareOrderResponse.From(order));
    }
}

/// <summary>What placing an order needs besides the request: the database, the matcher, the caller, the calendar.</summary>
public sealed record OrderPlacementServices(ElderCareDbContext Db, ProviderMatcher Matcher, CallerAccess Access, BusinessCalendar Calendar);

/// <summary>What declining an order needs besides the request: the database, the matcher, the caller, the clock, the log.</summary>
public sealed record OrderDeclineServices(
    ElderCareDbContext Db, ProviderMatcher Matcher, CallerAccess Access, TimeProvider Time, ILogger<ProviderMatcher> Logger);
