using Npgsql;
using Platform.Contracts.Events;
using Platform.Fees.Api.Billing;
using Platform.Fees.Domain.Billing;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Bench.Fees;

/// <summary>What the database holds for one community and month, set against the C# recomputation.</summary>
public sealed record BillAudit(
    string What, BillingPeriod Period, int Expected, int Bills, long ExpectedFeeFen, long FeeFen, long UtilityFen, IReadOnlyList<string> Problems)
{
    public bool Holds => Problems.Count == 0;

    /// <summary>
    /// Exactly one bill per billable unit and none for any other unit, each to the unit's owner; the area fee item of
    /// each bill equals <c>Fen.MonthlyFee</c> of its area and the rate in force, and is of the use's kind; its utility item
    /// is the unit's recorded share, and the shares add up to the charge; a bill's amount is the sum of its items; their
    /// total is what the run answered; and each bill has one BillIssued outbox row.
    /// </summary>
    public static async Task<BillAudit> CheckAsync(
        string connectionString, string what, Guid communityId, BillingPeriod period, IReadOnlyDictionary<Guid, ExpectedBill> expected, long? answeredFen,
        long utilityChargeFen = 0)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var bills = new Dictionary<Guid, (Guid Unit, Guid Payer, long Amount, List<(string Kind, long Amount)> Items)>();
        await using (var command = new NpgsqlCommand("""
            SELECT b.id, b.unit_id, b.payer_owner_id, b.amount_fen, i.kind, i.amount_fen
            FROM bills b LEFT JOIN bill_items i ON i.bill_id = b.id
            WHERE b.community_id = $1 AND b.period = $2
            """, connection))
        {
            command.Parameters.AddWithValue(communityId);
            command.Parameters.AddWithValue(period.ToString());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var id = reader.GetGuid(0);
                if (!bills.TryGetValue(id, out var bill))
                {
                    bills[id] = bill = (reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), []);
                }

                if (!reader.IsDBNull(4))
                {
                    bill.Items.Add((reader.GetString(4), reader.GetInt64(5)));
                }
            }
        }

        var events = new List<Guid>();
        await using (var command = new NpgsqlCommand("""
            SELECT (payload->>'billId')::uuid FROM outbox_messages
            WHERE type = $1 AND payload->>'communityId' = $2 AND payload->>'period' = $3
            """, connection))
        {
            command.Parameters.AddWithValue(typeof(BillIssued).FullName!);
            command.Parameters.AddWithValue(communityId.ToString());
            command.Parameters.AddWithValue(period.ToString());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                events.Add(reader.GetGuid(0));
            }
        }

        var problems = new ProblemList();
        foreach (var unit in bills.Values.GroupBy(b => b.Unit).Where(g => g.Count() > 1))
        {
            problems.Add("units billed twice", unit.Key.ToString());
        }

        long feeFen = 0;
        long utilityFen = 0;
        foreach (var (id, bill) in bills)
        {
            if (!expected.TryGetValue(bill.Unit, out var want))
            {
                problems.Add("bills for units not to be billed", bill.Unit.ToString());
                continue;
            }

            if (bill.Payer != want.PayerOwnerId)
            {
                problems.Add("bills to someone other than the owner", $"{bill.Unit}: {bill.Payer}, owner {want.PayerOwnerId}");
            }

            if (bill.Amount != bill.Items.Sum(i => i.Amount))
            {
                problems.Add("bills whose amount is not the sum of their items", $"{id}: {bill.Amount} ≠ {bill.Items.Sum(i => i.Amount)}");
            }

            var utility = bill.Items.Where(i => i.Kind == nameof(BillItemKind.SharedUtilityShare)).Sum(i => i.Amount);
            utilityFen += utility;
            if (utility != want.UtilityFen)
            {
                problems.Add("utility items that differ from the unit's recorded share", $"{bill.Unit}: {utility}, share {want.UtilityFen}");
            }

            var fees = bill.Items.Where(i => i.Kind is nameof(BillItemKind.PropertyFee) or nameof(BillItemKind.ParkingSpaceManagementFee)).ToList();
            if (fees.Count != 1 || fees[0].Kind != want.Kind.ToString())
            {
                problems.Add("bills without exactly one area fee item of the use's kind", $"{bill.Unit}: {string.Join(", ", bill.Items.Select(i => i.Kind))}, want {want.Kind}");
                continue;
            }

            feeFen += fees[0].Amount;
            if (fees[0].Amount != want.FeeFen)
            {
                problems.Add("area fees that differ from Fen.MonthlyFee", $"{bill.Unit}: {fees[0].Amount}, want {want.ExclusiveArea} × {want.RateFen} = {want.FeeFen}");
            }
        }

        var billed = bills.Values.Select(b => b.Unit).ToHashSet();
        foreach (var missing in expected.Keys.Where(u => !billed.Contains(u)))
        {
            problems.Add("billable units without a bill", missing.ToString());
        }

        var expectedFee = expected.Values.Sum(e => e.FeeFen);
        if (feeFen != expectedFee)
        {
            problems.Add("area fee total differs from the C# recomputation", $"{feeFen} ≠ {expectedFee}");
        }

        if (utilityFen != utilityChargeFen)
        {
            problems.Add("utility items that do not add up to the month's charge", $"{utilityFen} ≠ {utilityChargeFen}");
        }

        if (answeredFen is { } answered && answered != bills.Values.Sum(b => b.Amount))
        {
            problems.Add("run's answered amount differs from its bills", $"{answered} ≠ {bills.Values.Sum(b => b.Amount)}");
        }

        if (events.Count != bills.Count || !events.ToHashSet().SetEquals(bills.Keys))
        {
            problems.Add("bills without exactly one BillIssued outbox row", $"{events.Count} events ({events.Distinct().Count()} bills) for {bills.Count} bills");
        }

        return new BillAudit(what, period, expected.Count, bills.Count, expectedFee, feeFen, utilityFen, problems.Lines());
    }

    public override string ToString() =>
        $"{What} {Period}: {Bills} bills for {Expected} billable units, area fees {FeeFen} fen (C#: {ExpectedFeeFen}), utility shares {UtilityFen} fen — " +
        (Holds ? "OK" : "WRONG\n    " + string.Join("\n    ", Problems));

    /// <summary>Each kind of problem once, with its count and a few examples.</summary>
    private sealed class ProblemList
    {
        private readonly Dictionary<string, List<string>> _byKind = [];

        public void Add(string kind, string example)
        {
            if (!_byKind.TryGetValue(kind, out var examples))
            {
                _byKind[kind] = examples = [];
            }

            examples.Add(example);
        }

        public IReadOnlyList<string> Lines() =>
            _byKind.Select(p => $"{p.Value.Count} {p.Key}, e.g. {string.Join("; ", p.Value.Take(3))}").ToList();
    }
}
