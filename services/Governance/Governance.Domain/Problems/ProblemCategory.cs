namespace Platform.Governance.Domain.Problems;

/// <summary>What a problem on a community's list is about (the campaign's work items, plan.md).</summary>
public enum ProblemCategory
{
    /// <summary>违法建设</summary>
    IllegalConstruction,
    /// <summary>环境卫生</summary>
    Sanitation,
    /// <summary>安全隐患 (hazards in common parts)</summary>
    SafetyHazard,
    /// <summary>电梯安全</summary>
    ElevatorSafety,
    /// <summary>消防设施与消防通道</summary>
    FireSafety,
    /// <summary>二次供水</summary>
    SecondaryWaterSupply,
    /// <summary>停车秩序</summary>
    Parking,
    /// <summary>物业服务质量</summary>
    ServiceQuality,
    /// <summary>收费与公示</summary>
    FeesAndDisclosure,
    /// <summary>公共收益</summary>
    PublicIncome,
    /// <summary>维修资金</summary>
    MaintenanceFund,
    /// <summary>业主委员会</summary>
    OwnersCommittee,
    Other,
}

/// <summary>Where a problem stands: open, a fix awaiting review, closed (销号), or refused by the responsible party.</summary>
public enum ProblemStatus
{
    Open,
    FixReported,
    Closed,
    Refused,
}

/// <summary>Who must fix a problem: the company serving the community, or another party named on the list.</summary>
public enum ResponsibleParty
{
    PropertyCompany,
    Other,
}

/// <summary>A reported fix awaits review; the township or housing bureau accepts (and closes) or rejects it.</summary>
public enum FixOutcome
{
    Pending,
    Accepted,
    Rejected,
}
