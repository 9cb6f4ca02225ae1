using Platform.Contracts.Events;
using Platform.Parking.Domain.Spaces;
using Xunit;

namespace Platform.Parking.Tests.Domain;

/// <summary>The space, allocation, lease and waiting-list state machines on their own: no database, no HTTP.</summary>
public sealed class SpaceLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly Guid Community = Guid.NewGuid();
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly AllocationRules NoneWaiting = new(AllocationPolicy.Default, 0, PriceCaps.None);

    private static ParkingSpace NewSpace() => ParkingSpace.Register(Guid.NewGuid(), Guid.NewGuid(), Community, "B1-001", SpaceKind.Planned, Now);

    private static ParkingSpace Certified(SpaceOwnership ownership, Guid? holder = null)
    {
        var space = NewSpace();
        Assert.Null(space.Certify(ownership, "不动产权证 1 号", holder, holder is not null, "natural-resources", Now));
        return space;
    }

    private static Outcome<SpaceAllocation> Allocate(
        ParkingSpace space, AllocationKind kind, Guid? owner, int? months = 3, long priceFen = 300_00, AllocationRules? rules = null,
        WaitingListEntry? entry = null) =>
        space.Allocate(Guid.NewGuid(), new AllocationRequest(kind, owner is not null, priceFen, months), new SpaceHolder(owner, "张某"), Today,
            rules ?? NoneWaiting, entry, "company", Now);

    private static SpaceAllocation Leased(ParkingSpace space, Guid? owner = null) => Allocate(space, AllocationKind.Lease, owner).Made!;

    [Fact]
    public void A_registered_space_is_free_uncertified_and_records_nothing()
    {
        var space = NewSpace();

        Assert.Equal((SpaceState.Free, SpaceOwnership.Uncertified, null), (space.State, space.Ownership, space.HolderOwnerId));
        Assert.Empty(space.Events);
    }

    [Fact]
    public void Certified_owner_owned_a_space_is_sold_to_its_owner()
    {
        var space = Certified(SpaceOwnership.OwnerOwned, Owner);

        Assert.Equal((SpaceState.Sold, SpaceOwnership.OwnerOwned, Owner), (space.State, space.Ownership, space.HolderOwnerId));
        Assert.Equal(("不动产权证 1 号", "natural-resources", Now), (space.OwnershipCertificate, space.CertifiedBy, space.CertifiedAt));
    }

    [Theory]
    [InlineData(SpaceOwnership.DeveloperUnsold)]
    [InlineData(SpaceOwnership.OwnersCommon)]
    public void Certified_as_anyone_elses_a_space_is_free_with_no_holder(SpaceOwnership ownership)
    {
        var space = Certified(ownership);

        Assert.Equal((SpaceState.Free, ownership, null), (space.State, space.Ownership, space.HolderOwnerId));
    }

    [Fact]
    public void An_owner_owned_space_may_be_certified_again_and_then_goes_back_to_free()
    {
        var space = Certified(SpaceOwnership.OwnerOwned, Owner);
        Assert.Null(space.OfferForLease(Owner));

        Assert.Null(space.Certify(SpaceOwnership.OwnersCommon, "规划许可 2 号", null, false, "natural-resources", Now));

        Assert.Equal((SpaceState.Free, SpaceOwnership.OwnersCommon, null, false), (space.State, space.Ownership, space.HolderOwnerId, space.OfferedForLease));
    }

    [Fact]
    public void A_leased_space_is_in_use_and_not_certified_even_for_a_stranger()
    {
        var space = Certified(SpaceOwnership.OwnersCommon);
        Leased(space);

        Assert.Equal(SpaceRefusal.InUse, space.Certify(SpaceOwnership.OwnerOwned, "证", Guid.NewGuid(), false, "nr", Now));
        Assert.Equal((SpaceState.Leased, SpaceOwnership.OwnersCommon), (space.State, space.Ownership));
    }

    [Fact]
    public void An_owner_owned_certificate_naming_someone_who_owns_no_unit_is_refused()
    {
        var space = NewSpace();

        Assert.Equal(SpaceRefusal.NotAnOwner, space.Certify(SpaceOwnership.OwnerOwned, "证", Guid.NewGuid(), false, "nr", Now));
        Assert.Equal((SpaceState.Free, SpaceOwnership.Uncertified), (space.State, space.Ownership));
    }

    [Fact]
    public void A_developers_space_sold_to_an_owner_becomes_the_owners_and_serves_the_owners_wait()
    {
        var space = Certified(SpaceOwnership.DeveloperUnsold);
        var entry = WaitingListEntry.Join(Guid.NewGuid(), Community, Owner, ownerAlreadyWaits: false, Now).Made!;

        var sale = Allocate(space, AllocationKind.Sale, Owner, months: null, priceFen: 120_000_00, entry: entry).Made!;

        Assert.Equal((SpaceState.Sold, SpaceOwnership.OwnerOwned, Owner), (space.State, space.Ownership, space.HolderOwnerId));
        Assert.Equal((AllocationKind.Sale, null, SpaceState.Free), (sale.Kind, sale.EndsOn, sale.StateBefore));
        Assert.Equal((Now, sale.Id), (entry.LeftAt, entry.AllocationId));
        var allocated = Assert.IsType<SpaceAllocated>(Assert.Single(space.Events));
        Assert.Equal((sale.Id, space.Id, "Sale", (Guid?)Owner, 120_000_00L), (allocated.AllocationId, allocated.SpaceId, allocated.Kind, allocated.HolderOwnerId, allocated.PriceFen));
    }

    [Fact]
    public void A_lease_makes_the_space_leased_until_its_months_are_over_and_records_its_start()
    {
        var space = Certified(SpaceOwnership.OwnersCommon);

        var lease = Allocate(space, AllocationKind.Lease, null, months: 3).Made!;

        Assert.Equal(SpaceState.Leased, space.State);
        Assert.Equal((Today, (DateOnly?)Today.AddMonths(3), (Guid?)null, "张某"), (lease.StartsOn, lease.EndsOn, lease.HolderOwnerId, lease.HolderName));
        Assert.Collection(space.Events,
            e => Assert.IsType<SpaceAllocated>(e),
            e => Assert.Equal(Today.AddMonths(3), Assert.IsType<LeaseStarted>(e).EndsOn));
    }

    [Fact]
    public void An_owners_offered_space_is_leased_out_and_no_longer_offered()
    {
        var space = Certified(SpaceOwnership.OwnerOwned, Owner);
        Assert.Null(space.OfferForLease(Owner));

        var lease = Leased(space);

        Assert.Equal((SpaceState.Leased, false, SpaceState.Sold), (space.State, space.OfferedForLease, lease.StateBefore));
    }

    public static TheoryData<string, Func<ParkingSpace>, AllocationKind, bool, int?, AllocationRules> Refusals => new()
    {
        { SpaceRefusal.NotCertified, NewSpace, AllocationKind.Lease, true, 3, NoneWaiting },
        { SpaceRefusal.NotFree, () => Certified(SpaceOwnership.OwnerOwned, Owner), AllocationKind.Lease, true, 3, NoneWaiting },
        { SpaceRefusal.NotForSale, () => Certified(SpaceOwnership.OwnersCommon), AllocationKind.Sale, true, null, NoneWaiting },
        { SpaceRefusal.LeaseMonthsRequired, () => Certified(SpaceOwnership.OwnersCommon), AllocationKind.Lease, true, null, NoneWaiting },
        { SpaceRefusal.OwnersWaiting, () => Certified(SpaceOwnership.DeveloperUnsold), AllocationKind.Lease, false, 3, NoneWaiting with { OwnersWaiting = 1 } },
        { SpaceRefusal.SaleToNonOwner, () => Certified(SpaceOwnership.DeveloperUnsold), AllocationKind.Sale, false, null, NoneWaiting },
        { SpaceRefusal.LeaseTermTooLong, () => Certified(SpaceOwnership.DeveloperUnsold), AllocationKind.Lease, false, 7, NoneWaiting },
        {
            SpaceRefusal.PriceOverCap, () => Certified(SpaceOwnership.OwnersCommon), AllocationKind.Lease, true, 3,
            NoneWaiting with { Caps = new PriceCaps(null, 299_99, null, null) }
        },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void An_allocation_the_rules_refuse_names_its_reason_and_changes_nothing(
        string reason, Func<ParkingSpace> space, AllocationKind kind, bool toOwner, int? months, AllocationRules rules)
    {
        var subject = space();
        var before = (subject.State, subject.Ownership, subject.HolderOwnerId);

        var outcome = Allocate(subject, kind, toOwner ? Owner : null, months, rules: rules);

        Assert.Equal((null, reason), (outcome.Made, outcome.Refusal));
        Assert.Equal(before, (subject.State, subject.Ownership, subject.HolderOwnerId));
        Assert.Empty(subject.Events);
    }

    [Fact]
    public void A_leased_space_is_not_allocated_again()
    {
        var space = Certified(SpaceOwnership.OwnersCommon);
        Leased(space);
        space.ClearEvents();

        Assert.Equal(SpaceRefusal.NotFree, Allocate(space, AllocationKind.Lease, Owner).Refusal);
        Assert.Empty(space.Events);
    }

    [Fact]
    public void Only_the_owner_of_a_sold_space_offers_it_for_lease()
    {
        var sold = Certified(SpaceOwnership.OwnerOwned, Owner);
        var free = Certified(SpaceOwnership.OwnersCommon);

        Assert.Equal(SpaceRefusal.NotTheOwnersSpace, sold.OfferForLease(Guid.NewGuid()));
        Assert.Equal(SpaceRefusal.NotTheOwnersSpace, free.OfferForLease(Owner));
        Assert.False(sold.OfferedForLease || free.OfferedForLease);
        Assert.Null(sold.OfferForLease(Owner));
        Assert.True(sold.OfferedForLease);
    }

    [Fact]
    public void A_lease_ended_early_frees_the_space_and_records_the_day_it_ended()
    {
        var space = Certified(SpaceOwnership.OwnersCommon);
        var lease = Leased(space);
        space.ClearEvents();

        Assert.Null(space.EndLease(lease, Today.AddDays(10), Now.AddDays(10)));

        Assert.Equal((SpaceState.Free, (DateTimeOffset?)Now.AddDays(10)), (space.State, lease.EndedAt));
        var ended = Assert.IsType<LeaseEnded>(Assert.Single(space.Events));
        Assert.Equal((lease.Id, "ended", Today.AddDays(10)), (ended.AllocationId, ended.Reason, ended.EndedOn));
    }

    [Fact]
    public void A_lease_at_its_term_returns_an_owners_space_to_its_owner_and_records_the_terms_last_day()
    {
        var space = Certified(SpaceOwnership.OwnerOwned, Owner);
        space.OfferForLease(Owner);
        var lease = Leased(space);
        space.ClearEvents();

        Assert.Null(space.ExpireLease(lease, Today.AddMonths(4), Now.AddMonths(4)));

        Assert.Equal((SpaceState.Sold, Owner), (space.State, space.HolderOwnerId));
        var ended = Assert.IsType<LeaseEnded>(Assert.Single(space.Events));
        Assert.Equal(("term", Today.AddMonths(3)), (ended.Reason, ended.EndedOn));
    }

    [Fact]
    public void An_ended_lease_or_a_sale_is_not_a_running_lease()
    {
        var space = Certified(SpaceOwnership.OwnersCommon);
        var lease = Leased(space);
        Assert.Null(space.EndLease(lease, Today, Now));
        var developers = Certified(SpaceOwnership.DeveloperUnsold);
        var sale = Allocate(developers, AllocationKind.Sale, Owner, months: null).Made!;
        space.ClearEvents();
        developers.ClearEvents();

        Assert.Equal(SpaceRefusal.NotARunningLease, space.EndLease(lease, Today, Now));
        Assert.Equal(SpaceRefusal.NotARunningLease, space.ExpireLease(lease, Today, Now));
        Assert.Equal(SpaceRefusal.NotARunningLease, developers.EndLease(sale, Today, Now));
        Assert.Equal(SpaceState.Sold, developers.State);
        Assert.Empty(space.Events.Concat(developers.Events));
    }

    [Fact]
    public void A_lease_of_another_space_is_not_ended_here()
    {
        var lease = Leased(Certified(SpaceOwnership.OwnersCommon));

        Assert.Throws<ArgumentException>(() => Certified(SpaceOwnership.OwnersCommon).EndLease(lease, Today, Now));
    }

    [Fact]
    public void An_owner_joins_the_waiting_list_once_and_leaves_it_when_served()
    {
        var joined = WaitingListEntry.Join(Guid.NewGuid(), Community, Owner, ownerAlreadyWaits: false, Now);
        var again = WaitingListEntry.Join(Guid.NewGuid(), Community, Owner, ownerAlreadyWaits: true, Now);

        Assert.Equal((Community, Owner, Now, null), (joined.Made!.CommunityId, joined.Made.OwnerId, joined.Made.JoinedAt, joined.Made.LeftAt));
        Assert.Equal((null, SpaceRefusal.AlreadyWaiting), (again.Made, again.Refusal));
    }

    [Fact]
    public void A_served_entry_is_not_served_again()
    {
        var entry = WaitingListEntry.Join(Guid.NewGuid(), Community, Owner, ownerAlreadyWaits: false, Now).Made!;
        Allocate(Certified(SpaceOwnership.DeveloperUnsold), AllocationKind.Sale, Owner, months: null, entry: entry);

        Assert.Throws<InvalidOperationException>(() => Allocate(Certified(SpaceOwnership.DeveloperUnsold), AllocationKind.Sale, Owner, months: null, entry: entry));
    }
}
