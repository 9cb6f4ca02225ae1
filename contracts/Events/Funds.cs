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

/// <summary>The housing bureau approved a repair project: on the normal track after the owners' vote and its publicity, on the emergency track at once.</summary>
public sealed record RepairProjectApproved(
    Guid ProjectId,
    Guid CommunityId,
    string Track,
    long BudgetFen,
    Guid ContractorId,
    DateTimeOffset OccurredAt);

/// <summary>Money left the dedicated account for a repair, its cost apportioned over the scope's unit ledgers by area.</summary>
public sealed record DisbursementMade(
    Guid TransactionId,
    Guid ProjectId,
    Guid CommunityId,
    Guid ContractorId,
    long AmountFen,
    int UnitsCharged,
    DateTimeOffset OccurredAt);

/// <summary>
/// A sign of misuse of maintenance funds, for Finance and Police (seed item 9): what kind, and the evidence as ids and
/// amounts (never names).
/// </summary>
public sealed record MisuseFlagged(
    Guid FlagId,
    Guid CommunityId,
    Guid? ProjectId,
    string Kind,
    string Evidence,
    DateTimeOffset OccurredAt);

/// <summary>A community's fund accounts were published (维修资金公示): an immutable version anyone reads under /public.</summary>
public sealed record FundDisclosurePublished(
    Guid DisclosureId,
    Guid CommunityId,
    string Period,
    int Version,
    string ContentHash,
    DateTimeOffset OccurredAt);
