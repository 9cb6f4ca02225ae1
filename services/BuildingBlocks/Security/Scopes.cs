namespace Platform.BuildingBlocks.Security;

/// <summary>Scopes per service and action. An endpoint names the one it needs; the gateway and the service both check.</summary>
public static class Scopes
{
    public const string GovernanceRead = "governance.read";
    public const string GovernanceWrite = "governance.write";
    public const string GovernanceVote = "governance.vote";

    /// <summary>Recording company credit and blacklist entries: the housing bureau and market regulation, not the registrars.</summary>
    public const string GovernanceCredit = "governance.credit";

    public const string FeesRead = "fees.read";
    public const string FeesWrite = "fees.write";
    public const string FundsRead = "funds.read";
    public const string FundsWrite = "funds.write";
    public const string FundsApprove = "funds.approve";
    public const string ParkingRead = "parking.read";
    public const string ParkingWrite = "parking.write";
    public const string ElderCareRead = "eldercare.read";
    public const string ElderCareWrite = "eldercare.write";
    public const string ElderCareHealth = "eldercare.health";
    public const string IdentityAdmin = "identity.admin";

    public static readonly IReadOnlyList<string> All =
    [
        GovernanceRead, GovernanceWrite, GovernanceVote, GovernanceCredit, FeesRead, FeesWrite, FundsRead, FundsWrite, FundsApprove,
        ParkingRead, ParkingWrite, ElderCareRead, ElderCareWrite, ElderCareHealth, IdentityAdmin,
    ];

    /// <summary>
    /// What an owner's token carries: read their own data and vote; and, as an elderly resident or a guardian, order care,
    /// rate it and read the care record — eldercare's filters limit them to themselves and the people they are guardian of.
    /// </summary>
    public static readonly IReadOnlyList<string> Owner = [GovernanceRead, GovernanceVote, FeesRead, FundsRead, ElderCareRead, ElderCareWrite, ElderCareHealth];
}
