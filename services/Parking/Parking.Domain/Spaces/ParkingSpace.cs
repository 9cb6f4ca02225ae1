using Platform.Contracts.Events;

namespace Platform.Parking.Domain.Spaces;

/// <summary>
/// One space of a lot: its kind, its ownership as certified by Natural Resources, and its state. Its lifecycle lives
/// here: certified (free, or sold to its owner), allocated (sold or leased, <see cref="AllocationPolicy"/>), offered for
/// lease by its owner, and back when a lease ends. Each transition refuses an illegal move with a
/// <see cref="SpaceRefusal"/> and records the integration events to publish in <see cref="Events"/>.
/// </summary>
public sealed class ParkingSpace
{
    private readonly List<object> events = [];

    private ParkingSpace()
    {
    }

    public Guid Id { get; private set; }

    public Guid LotId { get; private set; }

    public Guid CommunityId { get; private set; }

    public string Number { get; private set; } = "";

    public SpaceKind Kind { get; private set; }

    public SpaceOwnership Ownership { get; private set; }

    /// <summary>The certificate (不动产权证 or planning document) Natural Resources named when certifying.</summary>
    public string? OwnershipCertificate { get; private set; }

    public string? CertifiedBy { get; private set; }

    public DateTimeOffset? CertifiedAt { get; private set; }

    public SpaceState State { get; private set; }

    /// <summary>The owner who bought it (sold spaces) or who owns it per the certificate (owner-owned spaces).</summary>
    public Guid? HolderOwnerId { get; private set; }

    /// <summary>Its owner offers the sold space for lease while idle.</summary>
    public bool OfferedForLease { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The integration events its transitions recorded, to be written to the outbox with the change.</summary>
    public IReadOnlyList<object> Events => events;

    /// <summary>A new space: free and uncertified until Natural Resources certifies who owns it.</summary>
    public static ParkingSpace Register(Guid id, Guid lotId, Guid communityId, string number, SpaceKind kind, DateTimeOffset now) =>
        new()
        {
            Id = id, LotId = lotId, CommunityId = communityId, Number = number, Kind = kind, Ownership = SpaceOwnership.Uncertified,
            State = SpaceState.Free, CreatedAt = now,
        };

    /// <summary>
    /// Natural Resources certifies who owns it: an owner-owned space is sold to <paramref name="holderOwnerId"/> (who must
    /// own a unit of the community), any other goes back to free with no holder. Only a free space, or one its owner
    /// holds, may be (re)certified.
    /// </summary>
    public string? Certify(SpaceOwnership ownership, string certificate, Guid? holderOwnerId, bool holderIsOwner, string certifiedBy, DateTimeOffset now)
    {
        if (State is not (SpaceState.Free or SpaceState.Sold) || (State == SpaceState.Sold && Ownership != SpaceOwnership.OwnerOwned))
        {
            return SpaceRefusal.InUse;
        }

        if (holderOwnerId is not null && !holderIsOwner)
        {
            return SpaceRefusal.NotAnOwner;
        }

        if (ownership == SpaceOwnership.Uncertified || (ownership == SpaceOwnership.OwnerOwned) != (holderOwnerId is not null))
        {
            throw new ArgumentException("An owner-owned space names its owner; no other certified ownership does.", nameof(holderOwnerId));
        }

        (Ownership, OwnershipCertificate, CertifiedBy, CertifiedAt) = (ownership, certificate, certifiedBy, now);
        (State, HolderOwnerId, OfferedForLease) =
            ownership == SpaceOwnership.OwnerOwned ? (SpaceState.Sold, holderOwnerId, OfferedForLease) : (SpaceState.Free, null, false);
        return null;
    }

    /// <summary>
    /// Sells or leases it under <paramref name="rules"/> (owner priority, term and price caps). A sale makes it its buyer's;
    /// a lease makes it leased, and a waiting owner who takes it leaves the waiting list. Records
    /// <see cref="SpaceAllocated"/> and, for a lease, <see cref="LeaseStarted"/>.
    /// </summary>
    public Outcome<SpaceAllocation> Allocate(
        Guid allocationId, AllocationRequest request, SpaceHolder holder, DateOnly startsOn, AllocationRules rules, WaitingListEntry? holdersEntry,
        string allocatedBy, DateTimeOffset now)
    {
        if (request.HolderIsOwner != holder.OwnerId is not null)
        {
            throw new ArgumentException("The request's holder and the named holder disagree.", nameof(holder));
        }

        if (rules.Policy.Refusal(Ownership, State, OfferedForLease, request, rules.OwnersWaiting, rules.Caps) is { } refusal)
        {
            return Outcome<SpaceAllocation>.Refused(refusal);
        }

        var allocation = new SpaceAllocation(allocationId, this, request, holder, startsOn, allocatedBy, now);
        holdersEntry?.Serve(allocation, now);
        if (request.Kind == AllocationKind.Sale)
        {
            (State, HolderOwnerId, Ownership) = (SpaceState.Sold, holder.OwnerId, SpaceOwnership.OwnerOwned);
        }
        else
        {
            (State, OfferedForLease) = (SpaceState.Leased, false);
        }

        events.Add(new SpaceAllocated(allocation.Id, Id, LotId, CommunityId, request.Kind.ToString(), holder.OwnerId, request.PriceFen, now));
        if (allocation.EndsOn is { } endsOn)
        {
            events.Add(new LeaseStarted(allocation.Id, Id, CommunityId, startsOn, endsOn, now));
        }

        return Outcome<SpaceAllocation>.Done(allocation);
    }

    /// <summary>Its owner offers the sold space for lease while idle.</summary>
    public string? OfferForLease(Guid ownerId)
    {
        if (State != SpaceState.Sold || HolderOwnerId != ownerId)
        {
            return SpaceRefusal.NotTheOwnersSpace;
        }

        OfferedForLease = true;
        return null;
    }

    /// <summary>Ends a running lease of it early, on <paramref name="today"/>; it goes back to free, or to its owner.</summary>
    public string? EndLease(SpaceAllocation lease, DateOnly today, DateTimeOffset now) => End(lease, "ended", today, now);

    /// <summary>Ends a running lease of it at its term: the event names the term's last day, not the day the sweep ran.</summary>
    public string? ExpireLease(SpaceAllocation lease, DateOnly today, DateTimeOffset now) => End(lease, "term", lease.EndsOn ?? today, now);

    /// <summary>Forgets the recorded events once they are in the outbox.</summary>
    public void ClearEvents() => events.Clear();

    private string? End(SpaceAllocation lease, string reason, DateOnly endedOn, DateTimeOffset now)
    {
        if (lease.SpaceId != Id)
        {
            throw new ArgumentException("The lease is of another space.", nameof(lease));
        }

        if (lease.Kind != AllocationKind.Lease || lease.EndedAt is not null)
        {
            return SpaceRefusal.NotARunningLease;
        }

        lease.EndedAt = now;
        State = lease.StateBefore == SpaceState.Sold ? SpaceState.Sold : SpaceState.Free;
        events.Add(new LeaseEnded(lease.Id, Id, CommunityId, endedOn, reason, now));
        return null;
    }
}

/// <summary>Who takes a space: the community's owner, or a non-owner named only by <see cref="Name"/>.</summary>
public sealed record SpaceHolder(Guid? OwnerId, string Name);

/// <summary>What an allocation is judged by: the policy, how many other owners wait, and the community's price caps.</summary>
public sealed record AllocationRules(AllocationPolicy Policy, int OwnersWaiting, PriceCaps Caps);
