using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Contracts.Events;
using Platform.Fees.Api.Infrastructure;
using Platform.Fees.Api.Standards;
using Platform.Fees.Domain.Billing;
using Platform.Fees.Domain.Standards;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Fees.Api.Billing;

/// <summary>
/// A fee standard set from a month whose bills are out already changes what those bills ask by adjustments,
/// never by editing them (seed item 6): for each issued bill the new standard now governs, the difference between
/// what its fee item asks with earlier adjustments and area × the new rate.
/// </summary>
public static class BillAdjustments
{
    /// <summary>Issues the adjustments and their <see cref="BillAdjusted"/> events in one statement; call under the billing lock.</summary>
    public static async Task<(int Bills, long AmountFen)> IssueAsync(FeesDbContext db, FeeStandard standard, CancellationToken ct)
    {
        var unitUses = Enum.GetValues<UnitUse>().Where(use => FeeUses.For(use) == standard.Use).Select(use => use.ToString()).ToArray();
        var kind = standard.Use == FeeUse.ParkingSpace ? BillItemKind.ParkingSpaceManagementFee : BillItemKind.PropertyFee;
        var parameters = new object[]
        {
            new NpgsqlParameter("community", standard.CommunityId),
            new NpgsqlParameter("standard", standard.Id),
            new NpgsqlParameter("use", standard.Use.ToString()),
            new NpgsqlParameter("rate", standard.RateFen),
            new NpgsqlParameter("effective_from", standard.EffectiveFrom),
            new NpgsqlParameter("from_period", BillingPeriod.Of(standard.EffectiveFrom).ToString()),
            new NpgsqlParameter("unit_uses", unitUses),
            new NpgsqlParameter("kind", kind.ToString()),
            new NpgsqlParameter("now", standard.SetAt),
        };
        var reason = $"fee standard {standard.Id} from {BillingPeriod.Of(standard.EffectiveFrom)}";
        var shared = new BillAdjusted(default, default, default, standard.CommunityId, "", 0, reason, standard.SetAt);
        var events = db.IntegrationEventsPerRow(shared, standard.SetAt)
            .PerRow(e => e.AdjustmentId, "a.id").PerRow(e => e.BillId, "a.bill_id").PerRow(e => e.UnitId, "a.unit_id")
            .PerRow(e => e.Period, "a.period").PerRow(e => e.AmountFen, "a.amount_fen");
        var sql = $"""
            WITH governed AS (
              SELECT b.id AS bill_id, b.unit_id, b.period, u.exclusive_area,
                     i.amount_fen + coalesce((SELECT sum(a.amount_fen) FROM bill_adjustments a WHERE a.bill_id = b.id AND a.kind = i.kind), 0) AS asked,
                     round(u.exclusive_area * @rate)::bigint AS due
              FROM bills b
              JOIN bill_items i ON i.bill_id = b.id AND i.kind = @kind
              JOIN registry_units u ON u.id = b.unit_id AND u.use = ANY(@unit_uses)
              WHERE b.community_id = @community AND b.period >= @from_period
                AND NOT EXISTS (
                  SELECT 1 FROM fee_standards f
                  WHERE f.community_id = @community AND f.use = @use AND f.id <> @standard
                    AND f.effective_from > @effective_from AND f.effective_from <= to_date(b.period || '-01', 'YYYY-MM-DD'))
            ), adjusted AS (
              INSERT INTO bill_adjustments (id, bill_id, unit_id, community_id, period, kind, amount_fen, fee_standard_id, basis, adjusted_at)
              SELECT gen_random_uuid(), bill_id, unit_id, @community, period, @kind, due - asked, @standard,
                     exclusive_area || ' m² × ' || @rate || ' fen/m² = ' || due || ' fen, was ' || asked || ' fen', @now
              FROM governed WHERE due <> asked
              RETURNING id, bill_id, unit_id, period, amount_fen
            ), events AS (
            {events.InsertFrom("adjusted a")}
            )
            SELECT count(*)::int AS bills, coalesce(sum(amount_fen), 0)::bigint AS amount_fen FROM adjusted
            """;
        var result = await db.Database.SqlQueryRaw<AdjustedTotals>(sql, [.. parameters, .. events.Parameters]).ToListAsync(ct);
        return (result[0].Bills, result[0].AmountFen);
    }

    private sealed class AdjustedTotals
    {
        public int Bills { get; init; }

        public long AmountFen { get; init; }
    }
}
