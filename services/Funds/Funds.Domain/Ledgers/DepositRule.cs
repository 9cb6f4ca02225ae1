using Platform.Contracts.Events;

namespace Platform.Funds.Domain.Ledgers;

/// <summary>
/// The initial deposit (首期交存) is exclusive area × the county's rate for the building type and year, rounded half away
/// from zero to the fen; a unit whose balance falls below the top-up threshold (30% of its initial deposit unless the
/// county says otherwise) is asked to top up (续交) to its initial deposit.
/// </summary>
public static class DepositRule
{
    public const int DefaultTopUpThresholdPercent = 30;

    public static long InitialDeposit(decimal exclusiveArea, long rateFenPerSquareMetre) =>
        (long)Math.Round(exclusiveArea * rateFenPerSquareMetre, 0, MidpointRounding.AwayFromZero);

    /// <summary>The type a unit is rated by: a home by its building's class (unknown until the housing bureau sets it), anything else as non-residential.</summary>
    public static BuildingType? TypeOf(UnitUse use, BuildingType? building) => use == UnitUse.Residential ? building : BuildingType.NonResidential;

    /// <summary>Whether the balance is below the threshold, compared exactly (balance × 100 &lt; initial × percent).</summary>
    public static bool TopUpDue(long balanceFen, long initialDepositFen, int thresholdPercent) =>
        initialDepositFen > 0 && (Int128)balanceFen * 100 < (Int128)initialDepositFen * thresholdPercent;

    /// <summary>What restores the balance to the initial deposit.</summary>
    public static long TopUpAmount(long balanceFen, long initialDepositFen) => Math.Max(0, initialDepositFen - balanceFen);
}
