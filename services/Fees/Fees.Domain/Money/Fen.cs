namespace Platform.Fees.Domain.Money;

/// <summary>Money is integer fen (分). Amounts computed from areas round half away from zero (design.md "Money").</summary>
public static class Fen
{
    public static long Round(decimal amount) => (long)Math.Round(amount, 0, MidpointRounding.AwayFromZero);

    /// <summary>A month's fee of an area (m², two decimals) at a rate in fen per m² per month.</summary>
    public static long MonthlyFee(decimal exclusiveArea, long rateFenPerSquareMetre) => Round(exclusiveArea * rateFenPerSquareMetre);
}
