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
