namespace Platform.Contracts.Kernel.Money;

/// <summary>One share of an apportioned amount, with the weight (area in hundredths of m², or a balance in fen) it was computed from.</summary>
public sealed record Share(Guid UnitId, long Weight, long AmountFen);

/// <summary>
/// Splits an amount over units in proportion to a weight so the shares sum exactly to it: each unit gets the floor of
/// its exact share, and the fen left over go one each to the largest remainders, ties broken by unit id (a stable
/// order). The rule's name is recorded with every apportionment (design.md "Money").
/// </summary>
public static class Apportionment
{
    public const string LargestRemainderByArea = "largest-remainder-by-area";

    public const string LargestRemainderByBalance = "largest-remainder-by-balance";

    /// <summary>By exclusive area in hundredths of a m² (costs and charges, Civil Code art. 283).</summary>
    public static IReadOnlyList<Share> ByArea(long amountFen, IReadOnlyList<(Guid UnitId, long AreaHundredths)> units) => ByWeight(amountFen, units);

    /// <summary>By any positive weight, for example each ledger's balance when interest is allocated.</summary>
    public static IReadOnlyList<Share> ByWeight(long amountFen, IReadOnlyList<(Guid UnitId, long Weight)> units)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountFen);
        if (units.Count == 0 || units.Any(unit => unit.Weight <= 0))
        {
            throw new ArgumentException("Apportion over at least one unit, each with a positive weight.", nameof(units));
        }

        var total = units.Aggregate(Int128.Zero, (sum, unit) => sum + unit.Weight);
        var exact = units
            .Select(unit => (unit.UnitId, unit.Weight, Product: (Int128)amountFen * unit.Weight))
            .Select(unit => (unit.UnitId, unit.Weight, Floor: (long)(unit.Product / total), Remainder: unit.Product % total))
            .ToList();
        var leftOver = amountFen - exact.Sum(unit => unit.Floor);
        var extra = exact.OrderByDescending(unit => unit.Remainder).ThenBy(unit => unit.UnitId).Take((int)leftOver).Select(unit => unit.UnitId).ToHashSet();
        return exact.Select(unit => new Share(unit.UnitId, unit.Weight, unit.Floor + (extra.Contains(unit.UnitId) ? 1 : 0))).ToList();
    }
}
