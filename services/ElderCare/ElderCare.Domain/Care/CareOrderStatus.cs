namespace Platform.ElderCare.Domain.Care;

/// <summary>Where an order stands. Offered, Accepted and InProgress are active: the provider may see the person's care record.</summary>
public enum CareOrderStatus
{
    /// <summary>Offered to a provider, waiting for it to accept or decline.</summary>
    Offered,

    /// <summary>The provider accepted; the visit has not started.</summary>
    Accepted,

    /// <summary>The visit started.</summary>
    InProgress,

    /// <summary>The visit ended; the charge is final.</summary>
    Completed,

    /// <summary>No provider could take it (all full, declined or none covers the community): the community arranges care.</summary>
    Unmatched,

    /// <summary>Called off before the visit started.</summary>
    Cancelled,
}

public static class CareOrderStatuses
{
    public static readonly IReadOnlyList<CareOrderStatus> Active = [CareOrderStatus.Offered, CareOrderStatus.Accepted, CareOrderStatus.InProgress];

    /// <summary>What takes a place in a provider's daily capacity: everything it holds but what it gave back or was called off.</summary>
    public static readonly IReadOnlyList<CareOrderStatus> Booked =
        [CareOrderStatus.Offered, CareOrderStatus.Accepted, CareOrderStatus.InProgress, CareOrderStatus.Completed];

    /// <summary>
    /// What opens a person's care record (health notes, care needs, contacts, ID number) to a provider: an order it has
    /// taken on. An order only offered shows the provider the profile it needs to decide, not the health data, so no
    /// provider down a chain of declines reads the record before passing on it.
    /// </summary>
    public static readonly IReadOnlyList<CareOrderStatus> Assigned = [CareOrderStatus.Accepted, CareOrderStatus.InProgress];

    public static bool IsActive(CareOrderStatus status) => Active.Contains(status);
}
