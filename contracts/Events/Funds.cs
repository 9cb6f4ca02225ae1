namespace Platform.Contracts.Events;

// Integration events published by the maintenance-funds service. Ids and amounts in fen only.

/// <summary>A unit's fund ledger (分户账) was opened; the initial deposit is null until its rate is known.</summary>
public sealed record FundLedgerOpened(
    Guid UnitId,
    Guid CommunityId,
    long? InitialDepositFen,
    DateTimeOffset OccurredAt);

/// <summary>A deposit reached the county's dedicated account for a unit: initial, top-up or other.</summary>
public sealed record DepositRecorded(
    Guid TransactionId,
    Guid UnitId,
    Guid CommunityId,
    string Kind,
    long AmountFen,
    DateOnly DepositedOn,
    DateTimeOffset OccurredAt);

/// <summary>A unit's balance fell below the top-up threshold: its owners are asked to pay <c>DemandedFen</c>.</summary>
public sealed record TopUpDemanded(
    Guid DemandId,
    Guid UnitId,
    Guid CommunityId,
    long BalanceFen,
    long InitialDepositFen,
    long DemandedFen,
    DateTimeOffset OccurredAt);
