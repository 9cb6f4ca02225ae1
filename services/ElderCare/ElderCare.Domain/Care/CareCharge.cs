namespace Platform.ElderCare.Domain.Care;

/// <summary>What one visit costs and who pays it: the government subsidy for the person's ability level, the rest the resident.</summary>
public sealed record CareCharge(long PriceFen, long SubsidyFen, long ResidentShareFen)
{
    /// <summary>The subsidy never exceeds the price, so the resident's share is never negative and the two sum to the price.</summary>
    public static CareCharge For(long priceFen, IReadOnlyList<long> subsidyByLevelFen, AbilityLevel level)
    {
        if (priceFen < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(priceFen), priceFen, "A price is never negative.");
        }

        if (subsidyByLevelFen.Count != SubsidyTable.Levels)
        {
            throw new ArgumentException($"A subsidy table has one amount per ability level ({SubsidyTable.Levels}).", nameof(subsidyByLevelFen));
        }

        var subsidy = Math.Clamp(subsidyByLevelFen[(int)level], 0, priceFen);
        return new CareCharge(priceFen, subsidy, priceFen - subsidy);
    }
}

public static class SubsidyTable
{
    public const int Levels = 5;
}
