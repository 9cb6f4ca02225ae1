using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.Fees.Api.Infrastructure;
using Platform.Fees.Domain.Billing;

namespace Platform.Fees.Api.Payments;

/// <summary>
/// Payments on a unit's account, allocated to its bills oldest first, reversals as new entries, and the
/// arrears list. There is deliberately no action to cut water, power or gas over arrears (Civil Code art. 944).
/// </summary>
public static class PaymentEndpoints
{
    public static RouteGroupBuilder MapPaymentEndpoints(this RouteGroupBuilder api)
    {
        var payments = api.MapGroup("").WithTags("Payments and arrears");
        payments.MapPost("/units/{unitId:guid}/payments", Record).WithName("RecordPayment")
            .WithSummary("Record a payment; it settles the unit's bills oldest first and may not exceed what is owed")
            .RequireScope(Scopes.FeesWrite).AsAuditedCommand();
        payments.MapPost("/communities/{communityId:guid}/payment-batches", RecordBatch).WithName("RecordPaymentBatch")
            .WithSummary("Book a collection file of up to 500 payments on the community's units: all of them, each oldest bill first, or none")
            .RequireScope(Scopes.FeesWrite).AsAuditedCommand();
        payments.MapPost("/payments/{paymentId:guid}/reversal", Reverse).WithName("ReversePayment")
            .WithSummary("Reverse a payment with a new, negative entry; the original stays").RequireScope(Scopes.FeesWrite).AsAuditedCommand();
        payments.MapGet("/communities/{communityId:guid}/arrears", Arrears).WithName("ListArrears")
            .WithSummary("Units that owe, with the amount and the oldest unpaid month (no utility can be cut over it)").RequireScope(Scopes.FeesRead);
        return api;
    }

    public static async Task<Results<Created<PaymentResponse>, ProblemHttpResult>> Record(
        Guid unitId, RecordPaymentRequest request, FeesDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        var unit = await db.Set<RegistryUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null)
        {
            return Problems.NotFound("unit");
        }

        await LockAccount(db, unitId, ct);
        var now = calendar.Now;
        if (await Book(db, unit, request, access, now, ct) is not { } payment)
        {
            return Problems.Conflict("payment_exceeds_owed", FeesText.Messages, request.AmountFen, (await Owed(db, unitId, ct)).Sum(b => b.OwedFen));
        }

        return TypedResults.Created($"{FeesApi.Prefix}/units/{unitId}/statement", PaymentResponse.From(payment));
    }

    public static async Task<Results<Created<List<PaymentResponse>>, ValidationProblem, ProblemHttpResult>> RecordBatch(
        Guid communityId, PaymentBatchRequest request, FeesDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var lines = request.Payments!;
        var unitIds = lines.Select(l => l.UnitId!.Value).Distinct().ToList();
        var units = await db.Set<RegistryUnit>().IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.CommunityId == communityId && unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var unknown = new ValidationErrors();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!units.ContainsKey(lines[i].UnitId!.Value))
            {
                unknown.Add($"payments[{i}].unitId", "error.unknown_reference");
            }
        }

        if (!unknown.IsEmpty)
        {
            return Problems.Validation(unknown, FeesText.Messages);
        }

        // Every account of the file locked in one order, so two files sharing units never wait on each other in a cycle.
        foreach (var unitId in unitIds.Order())
        {
            await LockAccount(db, unitId, ct);
        }

        var now = calendar.Now;
        var booked = new List<PaymentResponse>();
        for (var i = 0; i < lines.Count; i++)
        {
            var unit = units[lines[i].UnitId!.Value];
            if (await Book(db, unit, lines[i].ToRequest(), access, now, ct) is not { } payment)
            {
                // Nothing of the file is kept: the command's transaction rolls back on this answer.
                return Problems.Conflict("batch_payment_exceeds_owed", FeesText.Messages, i, lines[i].AmountFen, (await Owed(db, unit.Id, ct)).Sum(b => b.OwedFen));
            }

            booked.Add(PaymentResponse.From(payment));
        }

        return TypedResults.Created($"{FeesApi.Prefix}/communities/{communityId}/arrears", booked);
    }

    /// <summary>Books a payment on a locked account, oldest bill first; null when it is more than the unit owes.</summary>
    private static async Task<Payment?> Book(FeesDbContext db, RegistryUnit unit, RecordPaymentRequest request, CallerAccess access, DateTimeOffset now, CancellationToken ct) =>
        OldestFirst.Allocate(request.AmountFen!.Value, await Owed(db, unit.Id, ct)) is { } allocations
            ? await Append(db, unit, request.AmountFen.Value, request.Method!.Value, request.Reference!.Trim(), null, request.PaidAt ?? now, allocations, access, now, ct)
            : null;

    public static async Task<Results<Created<PaymentResponse>, ProblemHttpResult>> Reverse(
        Guid paymentId, ReversePaymentRequest request, FeesDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        var original = await db.Payments.AsNoTracking().Include(p => p.Allocations).FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (original is null)
        {
            return Problems.NotFound("payment");
        }

        var unit = await db.Set<RegistryUnit>().IgnoreQueryFilters().AsNoTracking().SingleAsync(u => u.Id == original.UnitId, ct);
        await LockAccount(db, original.UnitId, ct);
        if (original.ReversesPaymentId is not null || await db.Payments.IgnoreQueryFilters().AnyAsync(p => p.ReversesPaymentId == paymentId, ct))
        {
            return Problems.Conflict("payment_not_reversible", FeesText.Messages);
        }

        var now = calendar.Now;
        var reversal = await Append(db, unit, -original.AmountFen, original.Method, request.Reason!.Trim(), paymentId, now,
            original.Allocations.Select(a => (a.BillId, -a.AmountFen)).ToList(), access, now, ct);
        return TypedResults.Created($"{FeesApi.Prefix}/units/{unit.Id}/statement", PaymentResponse.From(reversal));
    }

    public static async Task<Results<Ok<Page<ArrearsResponse>>, ProblemHttpResult>> Arrears(
        Guid communityId, [AsParameters] PageQuery page, FeesDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var bills = db.Bills.AsQueryable();
        if (access.IsOwner)
        {
            // Of the owners, only the sitting owners' committee sees the community's list (an owner's own is their statement).
            var today = calendar.Today;
            if (access.OwnerId is not { } ownerId || !await CommitteeSeats.SitsAsync(db, communityId, ownerId, today, ct))
            {
                return Problems.Forbidden("arrears_for_committee", FeesText.Messages);
            }

            bills = db.Bills.IgnoreQueryFilters();
        }

        var owed = await (from bill in bills
                          where bill.CommunityId == communityId
                          let paid = db.PaymentAllocations.IgnoreQueryFilters().Where(a => a.BillId == bill.Id).Sum(a => (long?)a.AmountFen) ?? 0
                          let adjusted = db.BillAdjustments.IgnoreQueryFilters().Where(a => a.BillId == bill.Id).Sum(a => (long?)a.AmountFen) ?? 0
                          where bill.AmountFen + adjusted - paid > 0
                          select new { bill.UnitId, bill.Period, Owed = bill.AmountFen + adjusted - paid }).ToListAsync(ct);
        return TypedResults.Ok(owed.GroupBy(b => b.UnitId)
            .Select(g => new ArrearsResponse(g.Key, g.Sum(b => b.Owed), g.Min(b => b.Period)!, g.Count()))
            .OrderByDescending(a => a.OwedFen).ThenBy(a => a.UnitId).ToList().Page(page));
    }

    /// <summary>What each bill of the unit still owes (bill amount and its adjustments, minus what payments allocated to it).</summary>
    internal static async Task<List<Outstanding>> Owed(FeesDbContext db, Guid unitId, CancellationToken ct) =>
        await (from bill in db.Bills.IgnoreQueryFilters()
               where bill.UnitId == unitId
               let paid = db.PaymentAllocations.IgnoreQueryFilters().Where(a => a.BillId == bill.Id).Sum(a => (long?)a.AmountFen) ?? 0
               let adjusted = db.BillAdjustments.IgnoreQueryFilters().Where(a => a.BillId == bill.Id).Sum(a => (long?)a.AmountFen) ?? 0
               select new Outstanding(bill.Id, bill.Period, bill.AmountFen + adjusted - paid)).ToListAsync(ct);

    /// <summary>One writer per unit account at a time: allocations read what is owed and the chain its last hash.</summary>
    private static Task LockAccount(FeesDbContext db, Guid unitId, CancellationToken ct) =>
        db.Database.AcquireAsync($"payments:{unitId}", ct);

    private static async Task<Payment> Append(
        FeesDbContext db, RegistryUnit unit, long amountFen, PaymentMethod method, string reference, Guid? reverses, DateTimeOffset paidAt,
        IReadOnlyList<(Guid BillId, long AmountFen)> allocations, CallerAccess access, DateTimeOffset now, CancellationToken ct)
    {
        var previous = await db.Payments.IgnoreQueryFilters().Where(p => p.UnitId == unit.Id).OrderByDescending(p => p.Position)
            .Select(p => new { p.Position, p.Hash }).FirstOrDefaultAsync(ct);
        var id = Guid.CreateVersion7(now);
        var payment = new Payment
        {
            Id = id, UnitId = unit.Id, CommunityId = unit.CommunityId, AmountFen = amountFen, Method = method, Reference = reference,
            ReversesPaymentId = reverses, PaidAt = paidAt, RecordedBy = access.Actor, RecordedAt = now,
            Position = (previous?.Position ?? 0) + 1, PreviousHash = previous?.Hash ?? HashChain.Genesis,
            Allocations = allocations.Select(a => new PaymentAllocation { PaymentId = id, BillId = a.BillId, AmountFen = a.AmountFen }).ToList(),
        }.Seal(db.Chain);
        db.Payments.Add(payment);
        db.AddIntegrationEvent(new PaymentRecorded(payment.Id, unit.Id, unit.CommunityId, amountFen, reverses, now), now);
        await db.SaveChangesAsync(ct);
        return payment;
    }
}
