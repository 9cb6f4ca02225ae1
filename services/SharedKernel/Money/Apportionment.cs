namespace Platform.SharedKernel.Money;

/// <summary>One share of an apportioned amount.</summary>
public sealed record Share(Guid UnitId, long AreaHundredths, long AmountFen);

/// <summary>
/// Splits an amount over units by exclusive area so the shares sum exactly to it: each unit gets the
/// floor of its exact share, and the fen left over go one each to the largest remainders, ties broken
/// by unit id (a stable order). The rule's name is recorded with every apportionment.
/// </summary>
public static class Apportionment
{
    public const string LargestRemainderByArea = "largest-remainder-by-area";

    public static IReadOnlyList<Share> ByArea(long amountFen, IReadOnlyList<(Guid UnitId, long AreaHundredths)> units)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountFen);
        if (units.Count == 0 || units.Any(unit => unit.AreaHundredths <= 0))
        {
            throw new ArgumentException("Apportion over at least one unit, each with a positive area.", nameof(units));
        }

        Int128 totalArea = units.Sum(unit => unit.AreaHundredths);
        var exact = units
            .Select(unit => (unit.UnitId, unit.AreaHundredths, Product: (Int128)amountFen * unit.AreaHundredths))
            .Select(unit => (unit.UnitId, unit.AreaHundredths, Floor: (long)(unit.Product / totalArea), Remainder: unit.Product % totalArea))
            .ToList();
        var leftOver = amountFen - exact.Sum(unit => unit.Floor);
        var extra = exact.OrderByDescending(unit => unit.Remainder).ThenBy(unit => unit.UnitId).Take((int)leftOver).Select(unit => unit.UnitId).ToHashSet();
        return exact.Select(unit => new Share(unit.UnitId, unit.AreaHundredths, unit.Floor + (extra.Contains(unit.UnitId) ? 1 : 0))).ToList();
    }
}
