namespace Platform.ElderCare.Domain.Care;

/// <summary>When an order is late enough to hand to the community (its service day is the county's date of its slot).</summary>
public static class CareSchedule
{
    /// <summary>The longest visit slot an order may ask for.</summary>
    public static readonly TimeSpan LongestSlot = TimeSpan.FromHours(8);

    /// <summary>
    /// Why an active order must go to the community now, or null: offered and not accepted within
    /// <paramref name="acceptWithin"/> (or by the slot's start, whichever is first); accepted but the visit not started
    /// <paramref name="lateAfter"/> past the slot's start.
    /// </summary>
    public static string? EscalationReason(CareOrderStatus status, DateTimeOffset offeredAt, DateTimeOffset slotStart, DateTimeOffset now,
        TimeSpan acceptWithin, TimeSpan lateAfter) => status switch
    {
        CareOrderStatus.Offered when now >= Min(offeredAt + acceptWithin, slotStart) => EscalationReasons.NotAccepted,
        CareOrderStatus.Accepted when now >= slotStart + lateAfter => EscalationReasons.LateVisit,
        _ => null,
    };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

public static class EscalationReasons
{
    public const string NoProvider = "NoProvider";
    public const string NotAccepted = "NotAccepted";
    public const string LateVisit = "LateVisit";
}
