namespace Platform.Funds.Domain.Ledgers;

/// <summary>How the housing bureau classes a building for the deposit rate: homes without a lift, homes with one, or not homes.</summary>
public enum BuildingType
{
    /// <summary>多层住宅: residential, no lift.</summary>
    MultiStorey,

    /// <summary>高层住宅: residential with lifts.</summary>
    HighRise,

    /// <summary>非住宅: shops, offices, parking and other uses.</summary>
    NonResidential,
}
