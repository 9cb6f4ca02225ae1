namespace Platform.Funds.Domain.Repairs;

/// <summary>How a repair of common parts is decided: by the owners' vote (matter 5), or as an emergency by the authority alone.</summary>
public enum RepairTrack
{
    Normal,

    /// <summary>应急维修: the housing bureau approves within hours without a vote; publicity comes after.</summary>
    Emergency,
}

/// <summary>The emergencies that allow the fast track (plan.md "Maintenance funds").</summary>
public enum EmergencyCategory
{
    ElevatorFailure,
    FireFacilityFailure,
    WaterOrDrainageFailure,
    PowerFailure,
    GasFailure,
    ExternalWallDanger,
    RoofOrWallLeak,
}

public enum RepairStatus
{
    /// <summary>Normal track: waiting for the owners' vote in governance (reference <c>repair-project:{id}</c>).</summary>
    AwaitingVote,

    /// <summary>The owners did not pass it.</summary>
    Rejected,

    /// <summary>立项公示: passed, publicised until its publicity ends; then the housing bureau may approve.</summary>
    InPublicity,

    /// <summary>Emergency track: waiting for the housing bureau.</summary>
    AwaitingApproval,

    Approved,

    /// <summary>验收: the work was accepted.</summary>
    Accepted,

    /// <summary>结算: the final cost is settled and apportioned; publicised.</summary>
    Settled,
}

/// <summary>The thresholds a county sets for repairs (data, from configuration).</summary>
public sealed record RepairLimits(
    int PublicityDays,
    int OverBudgetPercent,
    long SplitThresholdFen,
    int SplitWindowDays,
    int EmergencyUsesPerYear,
    int RepeatedEmergencyWindowDays)
{
    public static readonly RepairLimits Default = new(PublicityDays: 7, OverBudgetPercent: 10, SplitThresholdFen: 20_000_000, SplitWindowDays: 90,
        EmergencyUsesPerYear: 3, RepeatedEmergencyWindowDays: 365);

    /// <summary>Whether a settled cost is over the budget by more than the threshold (compared exactly).</summary>
    public bool OverBudget(long costFen, long budgetFen) => (Int128)costFen * 100 > (Int128)budgetFen * (100 + OverBudgetPercent);

    /// <summary>
    /// Whether a contractor's projects in one community within the window look like one job split to stay under the
    /// threshold that needs a vote of its own: two or more, each under it, together at or over it.
    /// </summary>
    public bool LooksSplit(IReadOnlyCollection<long> budgetsFen) =>
        budgetsFen.Count >= 2 && budgetsFen.All(b => b < SplitThresholdFen) && budgetsFen.Sum() >= SplitThresholdFen;
}
