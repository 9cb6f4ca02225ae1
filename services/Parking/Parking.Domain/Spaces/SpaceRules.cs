namespace Platform.Parking.Domain.Spaces;

/// <summary>What a space is, as planned.</summary>
public enum SpaceKind
{
    /// <summary>规划车位: a space in the approved plan (Civil Code art. 276: for the owners first).</summary>
    Planned,

    /// <summary>A space on the community's common road (art. 275: the owners' in common).</summary>
    CommonRoad,

    Mechanical,
}

/// <summary>Who owns a space, as certified by Natural Resources; <see cref="Uncertified"/> until then.</summary>
public enum SpaceOwnership
{
    Uncertified,
    OwnerOwned,
    DeveloperUnsold,
    OwnersCommon,
}

public enum SpaceState
{
    Free,
    Sold,
    Leased,
    Reserved,
}

public enum AllocationKind
{
    Sale,
    Lease,
}

/// <summary>A community's parking prices ceilings (Development &amp; Reform, or the owners' rules), in fen; null: no cap.</summary>
public sealed record PriceCaps(long? MaxSalePriceFen, long? MaxMonthlyRentFen, long? MaxFenPerHour, long? MaxDailyCapFen)
{
    public static readonly PriceCaps None = new(null, null, null, null);

    public bool Allows(AllocationKind kind, long priceFen) =>
        kind == AllocationKind.Sale ? MaxSalePriceFen is not { } sale || priceFen <= sale : MaxMonthlyRentFen is not { } rent || priceFen <= rent;

    public bool AllowsTariff(long fenPerHour, long dailyCapFen) =>
        (MaxFenPerHour is not { } hour || fenPerHour <= hour) && (MaxDailyCapFen is not { } day || dailyCapFen <= day);
}

/// <summary>Who asks for a space, and on what terms.</summary>
public sealed record AllocationRequest(AllocationKind Kind, bool HolderIsOwner, long PriceFen, int? Months);

/// <summary>
/// Owner priority (Civil Code art. 276): a developer's unsold space goes only to an owner of the community while any
/// owner waits for one; when none waits it may be leased to others, for at most <paramref name="NonOwnerLeaseMaxMonths"/>
/// months, never sold to them. An owner's sold space is leased out only when its owner offered it. Owners-common spaces
/// are leased, never sold. Prices stay within the community's caps.
/// </summary>
public sealed record AllocationPolicy(int NonOwnerLeaseMaxMonths)
{
    public static readonly AllocationPolicy Default = new(NonOwnerLeaseMaxMonths: 6);

    /// <summary>Null when the allocation may go ahead, else the refusal's code.</summary>
    public string? Refusal(SpaceOwnership ownership, SpaceState state, bool offeredForLease, AllocationRequest request, int ownersWaiting, PriceCaps caps)
    {
        if (ownership == SpaceOwnership.Uncertified)
        {
            return SpaceRefusal.NotCertified;
        }

        var available = state == SpaceState.Free || (state == SpaceState.Sold && offeredForLease && request.Kind == AllocationKind.Lease);
        if (!available)
        {
            return SpaceRefusal.NotFree;
        }

        if (request.Kind == AllocationKind.Sale && ownership != SpaceOwnership.DeveloperUnsold)
        {
            return SpaceRefusal.NotForSale;
        }

        if (request.Kind == AllocationKind.Lease && request.Months is not > 0)
        {
            return SpaceRefusal.LeaseMonthsRequired;
        }

        if (!request.HolderIsOwner && ownership == SpaceOwnership.DeveloperUnsold)
        {
            if (ownersWaiting > 0)
            {
                return SpaceRefusal.OwnersWaiting;
            }

            if (request.Kind == AllocationKind.Sale)
            {
                return SpaceRefusal.SaleToNonOwner;
            }

            if (request.Months > NonOwnerLeaseMaxMonths)
            {
                return SpaceRefusal.LeaseTermTooLong;
            }
        }

        return caps.Allows(request.Kind, request.PriceFen) ? null : SpaceRefusal.PriceOverCap;
    }
}
