namespace Platform.Parking.Domain.Spaces;

/// <summary>
/// A sale or a lease of a space, made by <see cref="ParkingSpace.Allocate"/>. Leases run from <see cref="StartsOn"/> to
/// <see cref="EndsOn"/> unless ended earlier (<see cref="ParkingSpace.EndLease"/>, <see cref="ParkingSpace.ExpireLease"/>).
/// </summary>
public sealed class SpaceAllocation
{
    private SpaceAllocation()
    {
    }

    internal SpaceAllocation(Guid id, ParkingSpace space, AllocationRequest request, SpaceHolder holder, DateOnly startsOn, string allocatedBy,
        DateTimeOffset now)
    {
        (Id, SpaceId, LotId, CommunityId, Kind) = (id, space.Id, space.LotId, space.CommunityId, request.Kind);
        (HolderOwnerId, HolderName, PriceFen, StartsOn) = (holder.OwnerId, holder.Name, request.PriceFen, startsOn);
        EndsOn = request.Kind == AllocationKind.Lease ? startsOn.AddMonths(request.Months!.Value) : null;
        (StateBefore, AllocatedBy, AllocatedAt) = (space.State, allocatedBy, now);
    }

    public Guid Id { get; private set; }

    public Guid SpaceId { get; private set; }

    public Guid LotId { get; private set; }

    public Guid CommunityId { get; private set; }

    public AllocationKind Kind { get; private set; }

    /// <summary>The community's owner who holds it, or null for a non-owner (named in <see cref="HolderName"/>).</summary>
    public Guid? HolderOwnerId { get; private set; }

    public string HolderName { get; private set; } = "";

    /// <summary>The sale price, or the monthly rent of a lease.</summary>
    public long PriceFen { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    public DateTimeOffset? EndedAt { get; internal set; }

    /// <summary>The space's state before a lease, restored when it ends (a leased-out sold space goes back to its owner).</summary>
    public SpaceState StateBefore { get; private set; }

    public string AllocatedBy { get; private set; } = "";

    public DateTimeOffset AllocatedAt { get; private set; }
}
