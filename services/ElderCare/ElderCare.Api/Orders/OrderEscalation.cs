using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.ElderCare.Api.Infrastructure;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Api.Orders;

/// <summary>
/// Hands late orders to the community (转社区), once each: offered and not accepted within ElderCare:AcceptWithin
/// (default 2 hours) or by the slot's start; accepted but the visit not started ElderCare:LateAfter (default 30
/// minutes) past the slot's start. The order stays with its provider; the community follows up (call, cancel, reorder).
/// </summary>
public sealed class OrderEscalationReview(ElderCareDbContext db, IConfiguration configuration, TimeProvider time, ILogger<OrderEscalationReview> logger)
{
    public async Task<int> EscalateAsync(CancellationToken ct)
    {
        var acceptWithin = configuration.GetValue("ElderCare:AcceptWithin", TimeSpan.FromHours(2));
        var lateAfter = configuration.GetValue("ElderCare:LateAfter", TimeSpan.FromMinutes(30));
        var now = time.GetUtcNow();
        var offeredBefore = now - acceptWithin;
        var startedBefore = now - lateAfter;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.AcquireAsync("care-order-escalation", ct);
        var due = await db.CareOrders.IgnoreQueryFilters()
            .Where(o => o.EscalatedAt == null
                        && ((o.Status == CareOrderStatus.Offered && (o.OfferedAt <= offeredBefore || o.SlotStart <= now))
                            || (o.Status == CareOrderStatus.Accepted && o.SlotStart <= startedBefore)))
            .OrderBy(o => o.SlotStart).Take(500).ToListAsync(ct);
        foreach (var order in due)
        {
            var reason = order.EscalateIfLate(now, acceptWithin, lateAfter);
            db.AddIntegrationEvents(order, now);
            logger.LogInformation("Care order {OrderId} escalated to the community: {Reason}", order.Id, reason);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return due.Count;
    }
}

/// <summary>Runs <see cref="OrderEscalationReview"/> every ElderCare:EscalationInterval (default one minute).</summary>
public sealed class OrderEscalationJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<OrderEscalationJob> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => configuration.GetValue("ElderCare:EscalationInterval", TimeSpan.FromMinutes(1));

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OrderEscalationReview>().EscalateAsync(cancellationToken);
    }
}
