namespace Platform.Parking.Domain.Spaces;

/// <summary>What a transition made, or the named reason it refused (the API's problem code); never both.</summary>
public sealed record Outcome<T>(T? Made, string? Refusal)
    where T : class
{
    public static Outcome<T> Done(T made) => new(made, null);

    public static Outcome<T> Refused(string refusal) => new(null, refusal);
}

/// <summary>The named reasons a space, allocation or waiting-list transition refuses; each is a problem code of the API.</summary>
public static class SpaceRefusal
{
    /// <summary>Its ownership cannot be certified while it is leased or reserved, or sold by the developer.</summary>
    public const string InUse = "space_in_use";

    /// <summary>An owner-owned space names an owner of its community.</summary>
    public const string NotAnOwner = "not_an_owner";

    public const string NotCertified = "space_not_certified";

    public const string NotFree = "space_not_free";

    public const string NotForSale = "space_not_for_sale";

    public const string LeaseMonthsRequired = "lease_months_required";

    public const string OwnersWaiting = "owners_waiting";

    public const string SaleToNonOwner = "sale_to_non_owner";

    public const string LeaseTermTooLong = "lease_term_too_long";

    public const string PriceOverCap = "price_over_cap";

    public const string NotARunningLease = "not_a_running_lease";

    public const string NotTheOwnersSpace = "not_the_owners_space";

    public const string AlreadyWaiting = "already_waiting";
}
