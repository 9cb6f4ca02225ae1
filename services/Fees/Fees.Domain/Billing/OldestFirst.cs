namespace Platform.Fees.Domain.Billing;

/// <summary>What a bill still owes before a payment is allocated.</summary>
public sealed record Outstanding(Guid BillId, string Period, long OwedFen);

/// <summary>Allocates a payment to bills, the oldest period first; never more than a bill owes.</summary>
public static class OldestFirst
{
    /// <summary>The allocations, or null when the payment is more than everything owed (no silent credit).</summary>
    public static IReadOnlyList<(Guid BillId, long AmountFen)>? Allocate(long paymentFen, IEnumerable<Outstanding> bills)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(paymentFen);
        var allocations = new List<(Guid, long)>();
        var left = paymentFen;
        foreach (var bill in bills.Where(b => b.OwedFen > 0).OrderBy(b => b.Period, StringComparer.Ordinal).ThenBy(b => b.BillId))
        {
            if (left == 0)
            {
                break;
            }

            var amount = Math.Min(left, bill.OwedFen);
            allocations.Add((bill.BillId, amount));
            left -= amount;
        }

        return left == 0 ? allocations : null;
    }
}
