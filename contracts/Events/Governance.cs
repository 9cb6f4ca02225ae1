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
