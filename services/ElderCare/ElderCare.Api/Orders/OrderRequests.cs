using Platform.BuildingBlocks.Validation;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Api.Orders;

/// <summary>Orders one service for a time slot (by the person or guardian, a community worker, or Civil Affairs).</summary>
public sealed record PlaceOrderRequest(CareService? Service, DateTimeOffset? SlotStart, DateTimeOffset? SlotEnd) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Defined("service", Service);
        if (SlotStart is null)
        {
            errors.Add("slotStart", "error.required");
        }

        if (SlotEnd is null)
        {
            errors.Add("slotEnd", "error.required");
        }
        else if (SlotStart is not null && SlotEnd <= SlotStart)
        {
            errors.Add("slotEnd", "error.slot_end_before_start");
        }
        else if (SlotStart is not null && SlotEnd - SlotStart > CareSchedule.LongestSlot)
        {
            errors.Add("slotEnd", "error.slot_too_long", CareSchedule.LongestSlot.TotalHours);
        }
    }
}

public sealed record DeclineOrderRequest(string? Reason) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.Required("reason", Reason, 200);
}

public sealed record RateOrderRequest(int? Stars, string? Comment) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.InRange("stars", Stars, 1, 5).Optional("comment", Comment, 500);
}

/// <summary>A community worker's (or Civil Affairs') note on what was done about an escalated order.</summary>
public sealed record RecordFollowUpRequest(string? Note) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.Required("note", Note, 500);
}

/// <summary><c>followedUp=false</c> with <c>escalated=true</c>: the escalations no one has followed up yet.</summary>
public sealed record ListOrdersQuery(CareOrderStatus? Status, Guid? CommunityId, bool? Escalated, bool? FollowedUp);

public sealed record CareOrderFollowUpResponse(Guid Id, Guid OrderId, string Note, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static CareOrderFollowUpResponse From(CareOrderFollowUp f) => new(f.Id, f.OrderId, f.Note, f.RecordedBy, f.RecordedAt);
}

public sealed record CareOrderResponse(
    Guid Id, Guid ElderId, Guid CommunityId, CareService Service, DateTimeOffset SlotStart, DateTimeOffset SlotEnd, DateOnly ServiceDay, CareOrderStatus Status,
    Guid? ProviderId, int Declines, long PriceFen, long SubsidyFen, long ResidentShareFen, DateTimeOffset PlacedAt, DateTimeOffset? OfferedAt,
    DateTimeOffset? AcceptedAt, DateTimeOffset? VisitStartedAt, DateTimeOffset? VisitEndedAt, int? Stars, string? RatingComment, DateTimeOffset? EscalatedAt,
    string? EscalationReason, DateTimeOffset? CancelledAt, DateTimeOffset? LastFollowedUpAt)
{
    public static CareOrderResponse From(CareOrder o) => new(o.Id, o.ElderId, o.CommunityId, o.Service, o.SlotStart, o.SlotEnd, o.ServiceDay, o.Status,
        o.ProviderId, o.DeclinedProviderIds.Length, o.PriceFen, o.SubsidyFen, o.ResidentShareFen, o.PlacedAt, o.OfferedAt, o.AcceptedAt, o.VisitStartedAt,
        o.VisitEndedAt, o.Stars, o.RatingComment, o.EscalatedAt, o.EscalationReason, o.CancelledAt, o.LastFollowedUpAt);
}
