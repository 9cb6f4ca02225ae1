using Platform.Contracts.Events;

namespace Platform.Fees.Domain.Standards;

/// <summary>What a fee standard prices: homes, shops and offices, or the management of a parking space.</summary>
public enum FeeUse
{
    Residential,
    Commercial,
    ParkingSpace,
}

public static class FeeUses
{
    /// <summary>The standard a unit is billed by; storage rooms and other uses have none and are not billed.</summary>
    public static FeeUse? For(UnitUse use) => use switch
    {
        UnitUse.Residential => FeeUse.Residential,
        UnitUse.Commercial or UnitUse.Office => FeeUse.Commercial,
        UnitUse.ParkingSpace => FeeUse.ParkingSpace,
        _ => null,
    };
}
