using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.Fees.Api.Infrastructure;
using Platform.Fees.Api.Payments;
using Platform.Fees.Domain.Billing;
using Platform.Fees.Domain.Standards;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Fees.Api.Billing;

/// <summary>Monthly bill runs (seed item 6) and each unit's statement.</summary>
public static class BillRunEndpoints
{
    public static RouteGroupBuilder MapBillingEndpoints(this RouteGroupBuilder api)
    {
        var billing = api.MapGroup("").WithTags("Billing");
        billing.MapPost("/communities/{communityId:guid}/bill-runs", Run).WithName("StartBillRun")
            .WithSummary("Bill every unit of a community for a month at the standard in force; a unit is never billed twice for a month")
            .RequireScope(Scopes.FeesWrite).AsAuditedCommand();
        billing.MapGet("/communities/{communityId:guid}/bill-runs", ListRuns).WithName("ListBillRuns")
            .WithSummary("A community's bill runs, newest first").RequireScope(Scopes.FeesRead);
        billing.MapGet("/units/{unitId:guid}/statement", Statement).WithName("GetUnitStatement")
            .WithSummary("A unit's bills with their items and payments; an owner sees only their own bills and what paid them")
            .RequireScope(Scopes.FeesRead);
        return api;
    }

    public static async Task<Results<Created<BillRunResponse>, ProblemHttpResult>> Run(
        Guid communityId, StartBillRunRequest request, FeesDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var period = BillingPeriod.Parse(request.Period!);
        var now = time.GetUtcNow();
        var run = new BillRun { Id = Guid.CreateVersion7(now), CommunityId = communityId, Period = period.ToString(), StartedBy = access.Actor, StartedAt = now };
        db.BillRuns.Add(run);
        await BillingLock.AcquireAsync(db, communityId, ct);
        (run.BillsCreated, run.AmountFen) = await IssueBills(db, run, period, now, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{FeesApi.Prefix}/communities/{communityId}/bill-runs",
            new BillRunResponse(run.Id, communityId, run.Period, run.BillsCreated, run.AmountFen, run.StartedAt));
    }

    public static async Task<Results<Ok<Page<BillRunResponse>>, ProblemHttpResult>> ListRuns(
        Guid communityId, [AsParameters] PageQuery page, FeesDbContext db, CancellationToken ct) =>
        await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct)
            ? TypedResults.Ok(await db.BillRuns.AsNoTracking().Where(r => r.CommunityId == communityId)
                .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
                .PageAsync(page, r => new BillRunResponse(r.Id, r.CommunityId, r.Period, r.BillsCreated, r.AmountFen, r.StartedAt), ct))
            : Problems.NotFound("community");

    public static async Task<Results<Ok<UnitStatementResponse>, ProblemHttpResult>> Statement(Guid unitId, FeesDbContext db, CancellationToken ct)
    {
        var unit = await db.Set<RegistryUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null)
        {
            return Problems.NotFound("unit");
        }

        var bills = await db.Bills.AsNoTracking().Include(b => b.Items).Where(b => b.UnitId == unitId).OrderBy(b => b.Period).ToListAsync(ct);
        var payments = await db.Payments.AsNoTracking().Include(p => p.Allocations).Where(p => p.UnitId == unitId).OrderBy(p => p.Position).ToListAsync(ct);
        var billIds = bills.Select(b => b.Id).ToList();
        var adjustments = await db.BillAdjustments.AsNoTracking().Where(a => billIds.Contains(a.BillId)).ToListAsync(ct);
        var billed = bills.Sum(b => b.AmountFen);
        var adjusted = adjustments.Sum(a => a.AmountFen);
        // What settled the bills shown: for an owner, a payment that also settled another's bill counts only for theirs.
        var paid = payments.Sum(p => p.Allocations.Sum(a => a.AmountFen));
        return TypedResults.Ok(new UnitStatementResponse(unitId, unit.CommunityId, billed, adjusted, paid, billed + adjusted - paid,
            bills.Select(b => BillResponse.From(b, adjustments)).ToList(), payments.Select(PaymentResponse.From).ToList()));
    }

    /// <summary>
    /// One statement does the run in the database: each unit with an owner and a standard in force or a share of a
    /// common-area utility charge for the month gets its bill, its items (fee, utility share) and a <see cref="BillIssued"/>
    /// outbox row (<see cref="OutboxInsert{TEvent}"/>); units billed for the month already are skipped (and the (unit, period)
    /// key guards a concurrent run), so a re-run creates nothing. Amounts round half away from zero
    /// (PostgreSQL's round on numeric), as <see cref="Domain.Money.Fen.MonthlyFee"/> does.
    /// </summary>
    private static async Task<(int Bills, long AmountFen)> IssueBills(FeesDbContext db, BillRun run, BillingPeriod period, DateTimeOffset now, CancellationToken ct)
    {
        var uses = Enum.GetValues<UnitUse>().Select(use => (Unit: use.ToString(), Fee: FeeUses.For(use)?.ToString())).Where(m => m.Fee is not null).ToList();
        var parameters = new object[]
        {
            new NpgsqlParameter("community", run.CommunityId),
            new NpgsqlParameter("period", run.Period),
            new NpgsqlParameter("period_start", period.FirstDay),
            new NpgsqlParameter("run", run.Id),
            new NpgsqlParameter("now", now),
            new NpgsqlParameter("unit_uses", uses.Select(m => m.Unit).ToArray()),
            new NpgsqlParameter("fee_uses", uses.Select(m => m.Fee!).ToArray()),
        };
        var events = db.IntegrationEventsPerRow(new BillIssued(default, default, run.CommunityId, run.Period, default, 0, now), now)
            .PerRow(e => e.BillId, "i.id").PerRow(e => e.UnitId, "i.unit_id")
            .PerRow(e => e.PayerOwnerId, "i.payer_owner_id").PerRow(e => e.AmountFen, "i.amount_fen");
        var sql = $"""
            WITH mapping AS (
              SELECT * FROM unnest(@unit_uses::text[], @fee_uses::text[]) AS m(unit_use, fee_use)
            ), owned AS (
              SELECT u.id AS unit_id, u.use, u.exclusive_area, o.owner_id
              FROM registry_units u JOIN registry_unit_owners o ON o.unit_id = u.id
              WHERE u.community_id = @community
                AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.unit_id = u.id AND b.period = @period)
            ), fee AS (
              SELECT w.unit_id, m.fee_use, s.rate_fen, round(w.exclusive_area * s.rate_fen)::bigint AS amount_fen
              FROM owned w
              JOIN mapping m ON m.unit_use = w.use
              JOIN LATERAL (
                SELECT f.rate_fen FROM fee_standards f
                WHERE f.community_id = @community AND f.use = m.fee_use AND f.effective_from <= @period_start
                ORDER BY f.effective_from DESC, f.set_at DESC LIMIT 1) s ON true
            ), utility AS (
              SELECT s.unit_id, sum(s.amount_fen)::bigint AS amount_fen, count(*)::int AS charges
              FROM utility_charges c JOIN utility_shares s ON s.charge_id = c.id
              WHERE c.community_id = @community AND c.period = @period
              GROUP BY s.unit_id
            ), billable AS (
              SELECT w.unit_id, w.owner_id, w.exclusive_area, f.fee_use, f.rate_fen, f.amount_fen AS fee_fen,
                     u.amount_fen AS utility_fen, u.charges
              FROM owned w LEFT JOIN fee f ON f.unit_id = w.unit_id LEFT JOIN utility u ON u.unit_id = w.unit_id
              WHERE f.unit_id IS NOT NULL OR u.unit_id IS NOT NULL
            ), issued AS (
              INSERT INTO bills (id, unit_id, community_id, period, payer_owner_id, amount_fen, bill_run_id, issued_at)
              SELECT gen_random_uuid(), unit_id, @community, @period, owner_id, coalesce(fee_fen, 0) + coalesce(utility_fen, 0), @run, @now
              FROM billable
              ON CONFLICT (unit_id, period) DO NOTHING
              RETURNING id, unit_id, payer_owner_id, amount_fen
            ), items AS (
              INSERT INTO bill_items (bill_id, kind, amount_fen, basis)
              SELECT i.id, CASE WHEN b.fee_use = 'ParkingSpace' THEN 'ParkingSpaceManagementFee' ELSE 'PropertyFee' END, b.fee_fen,
                     b.exclusive_area || ' m² × ' || b.rate_fen || ' fen/m²'
              FROM issued i JOIN billable b ON b.unit_id = i.unit_id WHERE b.fee_use IS NOT NULL
              UNION ALL
              SELECT i.id, 'SharedUtilityShare', b.utility_fen,
                     b.exclusive_area || ' m² share of ' || b.charges || ' common-area charge(s), by exclusive area'
              FROM issued i JOIN billable b ON b.unit_id = i.unit_id WHERE b.utility_fen IS NOT NULL
            ), events AS (
            {events.InsertFrom("issued i")}
            )
            SELECT count(*)::int AS bills, coalesce(sum(amount_fen), 0)::bigint AS amount_fen FROM issued
            """;
        var result = await db.Database.SqlQueryRaw<IssuedTotals>(sql, [.. parameters, .. events.Parameters]).ToListAsync(ct);
        return (result[0].Bills, result[0].AmountFen);
    }

    private sealed class IssuedTotals
    {
        public int Bills { get; init; }

        public long AmountFen { get; init; }
    }
}
