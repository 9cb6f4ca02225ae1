namespace Platform.BuildingBlocks.Security;

/// <summary>Scopes per service and action. An endpoint names the one it needs; the gateway and the service both check.</summary>
public static class Scopes
{
    public const string GovernanceRead = "governance.read";

    /// <summary>The registry, votes, committees and the problem list's verdicts: registrars (the housing bureau and townships).</summary>
    public const string GovernanceWrite = "governance.write";
    public const string GovernanceVote = "governance.vote";

    /// <summary>Reporting a fix on the problem list (整改): the property company serving the community.</summary>
    public const string GovernanceProblems = "governance.problems";

    /// <summary>Recording company credit and blacklist entries: the housing bureau and market regulation, not the registrars.</summary>
    public const string GovernanceCredit = "governance.credit";

    public const string FeesRead = "fees.read";

    /// <summary>Billing, payments, fee standards and public income of the communities a company serves.</summary>
    public const string FeesWrite = "fees.write";

    /// <summary>Publishing the guided price bands (Development and Reform).</summary>
    public const string FeesStandards = "fees.standards";

    public const string FundsRead = "funds.read";
    public const string FundsWrite = "funds.write";

    /// <summary>
    /// Signing off fund spending: the housing bureau approves repair projects, Finance countersigns disbursements above
    /// the second-signature threshold.
    /// </summary>
    public const string FundsApprove = "funds.approve";

    /// <summary>Reading signs of misuse with their evidence (Finance, Police, the housing bureau).</summary>
    public const string FundsMisuse = "funds.misuse";

    public const string ParkingRead = "parking.read";

    /// <summary>Running a community's parking: lots, tariffs, spaces, sales and leases, vehicles, plates, violations.</summary>
    public const string ParkingWrite = "parking.write";

    /// <summary>Deciding at a lot's gates (REST and the gRPC stream): parking operators and property companies.</summary>
    public const string ParkingGates = "parking.gates";

    /// <summary>Certifying who owns a space (Natural Resources).</summary>
    public const string ParkingOwnership = "parking.ownership";

    /// <summary>Setting a community's parking price ceilings (Development and Reform).</summary>
    public const string ParkingPriceCaps = "parking.price-caps";
    public const string ElderCareRead = "eldercare.read";
    public const string ElderCareWrite = "eldercare.write";
    public const string ElderCareHealth = "eldercare.health";
    public const string IdentityAdmin = "identity.admin";

    public static readonly IReadOnlyList<string> All =
    [
        GovernanceRead, GovernanceWrite, GovernanceVote, GovernanceProblems, GovernanceCredit, FeesRead, FeesWrite, FeesStandards,
        FundsRead, FundsWrite, FundsApprove, FundsMisuse, ParkingRead, ParkingWrite, ParkingGates, ParkingOwnership, ParkingPriceCaps,
        ElderCareRead, ElderCareWrite, ElderCareHealth, IdentityAdmin,
    ];

    /// <summary>
    /// What an owner's token carries: read their own data and vote; and, as an elderly resident or a guardian, order care,
    /// rate it and read the care record — eldercare's filters limit them to themselves and the people they are guardian of.
    /// </summary>
    public static readonly IReadOnlyList<string> Owner = [GovernanceRead, GovernanceVote, FeesRead, FundsRead, ElderCareRead, ElderCareWrite, ElderCareHealth];
}
