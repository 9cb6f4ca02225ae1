namespace Platform.Contracts.Events;

// Integration events published by the fees service. Ids and amounts in fen only.

/// <summary>A unit's monthly bill was issued to its payer (the owner, or the developer for unsold units).</summary>
public sealed record BillIssued(
    Guid BillId,
    Guid UnitId,
    Guid CommunityId,
    string Period,
    Guid PayerOwnerId,
    long AmountFen,
    DateTimeOffset OccurredAt);

/// <summary>A payment (or, with a negative amount, the reversal of one) was recorded on a unit's account.</summary>
public sealed record PaymentRecorded(
    Guid PaymentId,
    Guid UnitId,
    Guid CommunityId,
    long AmountFen,
    Guid? ReversesPaymentId,
    DateTimeOffset OccurredAt);

/// <summary>An income or expense was booked on a community's public-income ledger (公共收益).</summary>
public sealed record PublicIncomeRecorded(
    Guid EntryId,
    Guid CommunityId,
    string Kind,
    string Source,
    long AmountFen,
    DateOnly OccurredOn,
    DateTimeOffset OccurredAt);

/// <summary>Part of the owners' share of a community's public income goes to its maintenance fund (Funds credits it).</summary>
public sealed record PublicIncomeTransferredToFund(
    Guid TransferId,
    Guid CommunityId,
    long AmountFen,
    DateTimeOffset OccurredAt);

/// <summary>
/// An issued bill's amount changed by an adjustment (a new standard reaching back over it, for example); the
/// bill itself is never edited. Positive adds to what is owed, negative takes from it.
/// </summary>
public sealed record BillAdjusted(
    Guid AdjustmentId,
    Guid BillId,
    Guid UnitId,
    Guid CommunityId,
    string Period,
    long AmountFen,
    string Reason,
    DateTimeOffset OccurredAt);

/// <summary>A community's disclosure (公示) was published: an immutable version, readable by anyone under /public.</summary>
public sealed record DisclosurePublished(
    Guid DisclosureId,
    Guid CommunityId,
    string Period,
    int Version,
    string ContentHash,
    DateTimeOffset OccurredAt);

/// <summary>
/// A community's fee standard in force lies outside the guided band for its current star level (质价不符):
/// flagged to Market Regulation. Existing contracts are flagged, not changed.
/// </summary>
public sealed record PriceQualityMismatchFlagged(
    Guid FlagId,
    Guid CommunityId,
    Guid FeeStandardId,
    string Use,
    long RateFen,
    int StarLevel,
    long BandLowestFen,
    long BandHighestFen,
    DateTimeOffset OccurredAt);
