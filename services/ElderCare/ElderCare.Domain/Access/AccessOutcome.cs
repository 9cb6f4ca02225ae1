namespace Platform.ElderCare.Domain.Access;

/// <summary>What became of an attempt to read a person's sensitive fields.</summary>
public enum AccessOutcome
{
    /// <summary>The fields were returned.</summary>
    Granted,

    /// <summary>Nothing was returned (404 or 403): a probe Civil Affairs should be able to see.</summary>
    Refused,
}

/// <summary>Why a read of sensitive fields was refused: stable codes, kept in the access log and shown to Civil Affairs.</summary>
public static class AccessRefusals
{
    /// <summary>No person has the requested id.</summary>
    public const string NotFound = "not_found";

    /// <summary>A provider (or a property company) holding no active order for the person.</summary>
    public const string NoActiveOrder = "no_active_order";

    /// <summary>A provider holding only an offer for the person: it sees the profile to decide, not the health data.</summary>
    public const string OrderNotAccepted = "order_not_accepted";

    /// <summary>An owner who is neither the person nor their guardian.</summary>
    public const string NotGuardian = "not_guardian";

    /// <summary>A caller whose role never reads care records (a township, another department).</summary>
    public const string RoleRestricted = "role_restricted";

    /// <summary>A token without the health scope.</summary>
    public const string Scope = "scope";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        NotFound, NoActiveOrder, OrderNotAccepted, NotGuardian, RoleRestricted, Scope,
    };
}

/// <summary>Which refusal a care-record read meets, from what the caller is and what it may see.</summary>
public static class CareRecordRefusal
{
    /// <summary>The person is hidden from the caller (404): absent, or outside what the caller's role and relations reach.</summary>
    public static string ForHidden(bool exists, bool isProvider, bool isOwner) =>
        !exists ? AccessRefusals.NotFound
        : isProvider ? AccessRefusals.NoActiveOrder
        : isOwner ? AccessRefusals.NotGuardian
        : AccessRefusals.RoleRestricted;

    /// <summary>The caller sees the profile but not the record (403): a provider with an offer only, or a township.</summary>
    public static string ForVisible(bool isProvider) => isProvider ? AccessRefusals.OrderNotAccepted : AccessRefusals.RoleRestricted;
}
