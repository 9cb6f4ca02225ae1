namespace Platform.Contracts.Events;

// Integration events published by the governance registry. Ids and facts only: never names,
// phone numbers or ID numbers of owners.

public enum UnitUse
{
    Residential,
    Commercial,
    Office,
    ParkingSpace,
    Storage,
    Other,
}

/// <summary>Where a unit's exclusive area comes from, in order of authority (property register, survey, sale contract).</summary>
public enum AreaSource
{
    Register,
    Survey,
    Contract,
}

public sealed record CommunityRegistered(
    Guid CommunityId,
    string Name,
    Guid TownshipId,
    Guid? PropertyCompanyId,
    int StarLevel,
    bool IsOldCommunity,
    DateTimeOffset OccurredAt);

public sealed record UnitRegistered(
    Guid UnitId,
    Guid CommunityId,
    Guid BuildingId,
    string BuildingNumber,
    string UnitNumber,
    decimal ExclusiveArea,
    UnitUse Use,
    AreaSource AreaSource,
    DateTimeOffset OccurredAt);

/// <summary>A unit changed hands. <c>PreviousOwnerId</c> is null for the first registered ownership.
/// <c>IsDeveloper</c> marks the developer's unsold units, which count together as one owner in votes.</summary>
public sealed record OwnershipTransferred(
    Guid UnitId,
    Guid CommunityId,
    Guid? PreviousOwnerId,
    Guid NewOwnerId,
    bool IsDeveloper,
    DateOnly Since,
    DateTimeOffset OccurredAt);

public sealed record PropertyCompanyAssigned(
    Guid CommunityId,
    Guid PropertyCompanyId,
    Guid? PreviousPropertyCompanyId,
    DateOnly Since,
    DateTimeOffset OccurredAt);

/// <summary>The matters of Civil Code art. 278 (items 1–9), as other services read them on resolutions.</summary>
public enum OwnersMatter
{
    AssemblyRules = 1,
    ManagementCovenant = 2,
    ElectOrReplaceCommittee = 3,
    HireOrDismissPropertyCompany = 4,
    UseMaintenanceFunds = 5,
    RaiseMaintenanceFunds = 6,
    RebuildOrReconstruct = 7,
    ChangeUseOfCommonParts = 8,
    OtherMajorMatter = 9,
}

/// <summary>Whose units a vote covered: the whole community, some buildings, or a list of units.</summary>
public enum VoteScopeKind
{
    Community,
    Buildings,
    Units,
}

/// <summary>
/// The figures a decision rests on: headcounts and areas (m², two decimals) of the frozen electorate,
/// of those who took part and of those who agreed.
/// </summary>
public sealed record ResolutionFigures(
    long ElectorateHeadcount,
    decimal ElectorateArea,
    long ParticipatingHeadcount,
    decimal ParticipatingArea,
    long AgreeHeadcount,
    decimal AgreeArea);

/// <summary>
/// The owners decided a matter. <c>ScopeUnitIds</c> are the units whose owners voted (a repair's cost
/// is shared over them); <c>Reference</c> names what the matter concerns in another service (for example
/// a repair project) and <c>Terms</c> carries its agreed terms (for example a public-income split).
/// </summary>
public sealed record ResolutionPassed(
    Guid ProposalId,
    Guid CommunityId,
    OwnersMatter Matter,
    string Title,
    VoteScopeKind ScopeKind,
    IReadOnlyList<Guid> ScopeUnitIds,
    string? Reference,
    IReadOnlyDictionary<string, string> Terms,
    string RuleSetId,
    ResolutionFigures Figures,
    DateTimeOffset DecidedAt,
    DateTimeOffset OccurredAt);

/// <summary>The owners did not pass a matter (no quorum, or not enough agreed). Same shape as <see cref="ResolutionPassed"/>.</summary>
public sealed record ResolutionRejected(
    Guid ProposalId,
    Guid CommunityId,
    OwnersMatter Matter,
    string Title,
    VoteScopeKind ScopeKind,
    IReadOnlyList<Guid> ScopeUnitIds,
    string? Reference,
    IReadOnlyDictionary<string, string> Terms,
    string RuleSetId,
    ResolutionFigures Figures,
    bool QuorumMet,
    DateTimeOffset DecidedAt,
    DateTimeOffset OccurredAt);

/// <summary>
/// The sealer chained a run of a proposal's ballots (ADR-006); governance's own live tally consumes it. One event per
/// sealed run, not per ballot (ADR-011): a ballot's <c>Position</c> on the proposal's chain orders its ballots, so a late
/// or repeated delivery of an older ballot never overrides a newer one. The voter is an owner id (a developer votes as its own); no
/// name, phone or ID number.
/// </summary>
public sealed record BallotsSealed(
    Guid ProposalId,
    IReadOnlyList<SealedBallot> Ballots,
    DateTimeOffset OccurredAt);

/// <summary>One ballot of <see cref="BallotsSealed"/>: its position on the chain, who cast it, the area it carries and the choice.</summary>
public sealed record SealedBallot(
    long Position,
    string VoterId,
    long AreaHundredths,
    string Choice);

/// <summary>The housing bureau rated a community's property service (1–5 stars); Fees bounds its fee standard by it (质价相符).</summary>
public sealed record CommunityStarLevelRated(
    Guid CommunityId,
    int StarLevel,
    int PreviousStarLevel,
    DateOnly EffectiveFrom,
    DateTimeOffset OccurredAt);

/// <summary>
/// The owners elected a committee for a term; it replaces the one before. Ids and dates only: the members' owner ids
/// let other services give the sitting committee what the law gives it (the arrears list, for one), never names.
/// </summary>
public sealed record OwnersCommitteeElected(
    Guid CommunityId,
    Guid CommitteeId,
    Guid ElectedByProposalId,
    int Seats,
    DateOnly TermStart,
    DateOnly TermEnd,
    IReadOnlyList<Guid> MemberOwnerIds,
    DateTimeOffset OccurredAt);

/// <summary>Why a property company was put on the blacklist (黑名单); the wording of the case stays in governance.</summary>
public enum BlacklistReason
{
    /// <summary>拒不整改: refused to fix the problems on the campaign's problem list.</summary>
    RefusedRectification,
    /// <summary>严重失信: a poor credit grade or serious breaches of the service contract.</summary>
    SeriousBreachOfContract,
    /// <summary>擅自撤离: left a community without a handover.</summary>
    AbandonedService,
    /// <summary>提供虚假材料: false documents or data given to the authorities.</summary>
    FalseInformation,
    /// <summary>违规收费: fees charged beyond the published standards.</summary>
    IllegalFees,
    Other,
}

/// <summary>A property company is blacklisted from <c>From</c> until (excluding) <c>Until</c>; it may not be assigned to a community meanwhile.</summary>
public sealed record PropertyCompanyBlacklisted(
    Guid PropertyCompanyId,
    BlacklistReason Reason,
    DateOnly From,
    DateOnly Until,
    DateTimeOffset OccurredAt);
