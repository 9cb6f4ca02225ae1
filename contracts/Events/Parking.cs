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
