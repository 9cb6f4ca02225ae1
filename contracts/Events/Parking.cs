namespace Platform.Contracts.Events;

// Integration events published by the parking service.

/// <summary>
/// Temporary-parking income was taken at a lot. On owners-common spaces it is public income (公共收益) of the
/// community, which Fees books once per <c>RevenueId</c>; on other spaces it is the operator's.
/// </summary>
public sealed record ParkingRevenueRecorded(
    Guid RevenueId,
    Guid CommunityId,
    Guid LotId,
    long AmountFen,
    bool OnOwnersCommonSpaces,
    DateOnly TakenOn,
    DateTimeOffset OccurredAt);

/// <summary>A space was sold or leased. Holders are named by registry owner id only (null for a non-owner).</summary>
public sealed record SpaceAllocated(
    Guid AllocationId,
    Guid SpaceId,
    Guid LotId,
    Guid CommunityId,
    string Kind,
    Guid? HolderOwnerId,
    long PriceFen,
    DateTimeOffset OccurredAt);

/// <summary>A lease of a space began; it ends on <c>EndsOn</c> unless ended earlier.</summary>
public sealed record LeaseStarted(
    Guid AllocationId,
    Guid SpaceId,
    Guid CommunityId,
    DateOnly StartsOn,
    DateOnly EndsOn,
    DateTimeOffset OccurredAt);

/// <summary>A lease ended: at its term (<c>Reason</c> "term") or early ("ended").</summary>
public sealed record LeaseEnded(
    Guid AllocationId,
    Guid SpaceId,
    Guid CommunityId,
    DateOnly EndedOn,
    string Reason,
    DateTimeOffset OccurredAt);

/// <summary>A vehicle was reported in a fire lane or on a walkway. The plate stays in the parking service (Police read it there).</summary>
public sealed record ParkingViolationReported(
    Guid ViolationId,
    Guid CommunityId,
    string Kind,
    bool HolderNotified,
    DateTimeOffset DeadlineAt,
    DateTimeOffset OccurredAt);

/// <summary>A reported violation was not cleared by its deadline and goes to the Police.</summary>
public sealed record ParkingViolationEscalated(
    Guid ViolationId,
    Guid CommunityId,
    string Kind,
    DateTimeOffset OccurredAt);
