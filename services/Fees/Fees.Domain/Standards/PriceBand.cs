namespace Platform.Fees.Domain.Standards;

/// <summary>
/// The government-guided price for a star level (政府指导价): a base rate in fen per m² per month and a
/// float of ± <see cref="FloatPercent"/> percent, set per county and year by Development &amp; Reform.
/// The edges belong to the band ("上下浮动不超过…"), compared exactly in integers.
/// </summary>
public sealed record PriceBand(int Year, int StarLevel, FeeUse Use, long BaseFen, int FloatPercent)
{
    public bool Admits(long rateFen) =>
        (Int128)rateFen * 100 >= (Int128)BaseFen * (100 - FloatPercent)
        && (Int128)rateFen * 100 <= (Int128)BaseFen * (100 + FloatPercent);

    /// <summary>The lowest whole-fen rate in the band.</summary>
    public long LowestFen => (long)Math.Ceiling(BaseFen * (100m - FloatPercent) / 100m);

    /// <summary>The highest whole-fen rate in the band.</summary>
    public long HighestFen => (long)Math.Floor(BaseFen * (100m + FloatPercent) / 100m);
}
