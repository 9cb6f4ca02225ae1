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
