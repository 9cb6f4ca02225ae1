namespace Platform.Parking.Domain.Spaces;

/// <summary>
/// An owner of the community waiting for a space; while any waits, developers' unsold spaces go to owners only. Waiting
/// until served by an allocation (<see cref="ParkingSpace.Allocate"/>), at most once per owner and community.
/// </summary>
public sealed class WaitingListEntry
{
    private WaitingListEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid CommunityId { get; private set; }

    public Guid OwnerId { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    /// <summary>When the owner got a space (or withdrew).</summary>
    public DateTimeOffset? LeftAt { get; private set; }

    public Guid? AllocationId { get; private set; }

    /// <summary>Puts an owner on the list, unless the owner already waits there.</summary>
    public static Outcome<WaitingListEntry> Join(Guid id, Guid communityId, Guid ownerId, bool ownerAlreadyWaits, DateTimeOffset now) =>
        ownerAlreadyWaits
            ? Outcome<WaitingListEntry>.Refused(SpaceRefusal.AlreadyWaiting)
            : Outcome<WaitingListEntry>.Done(new WaitingListEntry { Id = id, CommunityId = communityId, OwnerId = ownerId, JoinedAt = now });

    /// <summary>The owner got a space: the entry leaves the list, naming the allocation.</summary>
    internal void Serve(SpaceAllocation allocation, DateTimeOffset now)
    {
        if (LeftAt is not null || allocation.HolderOwnerId != OwnerId || allocation.CommunityId != CommunityId)
        {
            throw new InvalidOperationException("Only a waiting entry of the allocation's holder, in its community, is served by it.");
        }

        (LeftAt, AllocationId) = (now, allocation.Id);
    }
}
