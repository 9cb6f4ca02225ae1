namespace Platform.Contracts.Events;

// Integration events published by the elderly-care service. Health data is sensitive personal information (PIPL
// art. 28): these carry pseudonymous ids (the elder's id means nothing outside eldercare), the service and the time
// slot, never a name, an ID number, an ability level or a health field.

/// <summary>A home-care service was ordered (下单) for a time slot.</summary>
public sealed record CareOrderPlaced(
    Guid OrderId,
    Guid ElderId,
    Guid CommunityId,
    string Service,
    DateTimeOffset SlotStart,
    DateTimeOffset SlotEnd,
    DateTimeOffset OccurredAt);

/// <summary>The platform offered an order to a provider (first match, or the next one after a decline).</summary>
public sealed record CareOrderMatched(
    Guid OrderId,
    Guid ProviderId,
    Guid CommunityId,
    string Service,
    DateOnly ServiceDay,
    int Attempt,
    DateTimeOffset OccurredAt);

/// <summary>A provider finished a visit; the charge is split into the government subsidy and the resident's share.</summary>
public sealed record CareVisitCompleted(
    Guid OrderId,
    Guid ProviderId,
    Guid CommunityId,
    string Service,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    long PriceFen,
    long SubsidyFen,
    long ResidentShareFen,
    DateTimeOffset OccurredAt);

/// <summary>
/// An order was handed to the community (转社区): no provider could take it, none accepted it in time, or the visit did
/// not start on time. <c>Reason</c> is one of NoProvider, NotAccepted, LateVisit.
/// </summary>
public sealed record CareOrderEscalated(
    Guid OrderId,
    Guid CommunityId,
    Guid? ProviderId,
    string Reason,
    DateTimeOffset OccurredAt);
