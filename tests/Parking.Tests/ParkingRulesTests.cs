using Platform.Parking.Domain.Plates;
using Platform.Parking.Domain.Spaces;
using Platform.Parking.Domain.Tariffs;
using Xunit;

namespace Platform.Parking.Tests;

/// <summary>The pure rules: the tariff at its edges, plates, and owner priority.</summary>
public sealed class ParkingRulesTests
{
    private static readonly DateTimeOffset Entry = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
    private static readonly Tariff FiveYuanAnHour = new(FreeMinutes: 15, FenPerHour: 500, DailyCapFen: 3000);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(15 * 60, 0)] // exactly the free minutes: free
    [InlineData(15 * 60 + 1, 500)] // one second more: charged from the start, one begun hour
    [InlineData(60 * 60, 500)]
    [InlineData(60 * 60 + 1, 1000)]
    [InlineData(6 * 3600, 3000)] // six hours reach the daily cap exactly
    [InlineData(6 * 3600 + 1, 3000)] // and stay at it
    [InlineData(24 * 3600, 3000)] // a whole day: the cap
    [InlineData(24 * 3600 + 1, 3500)] // a day and a second: the cap plus a begun hour
    [InlineData(30 * 3600, 6000)] // a day and six hours: two caps
    [InlineData(48 * 3600, 6000)]
    public void The_fee_follows_the_free_minutes_begun_hours_and_daily_cap(int seconds, long expectedFen) =>
        Assert.Equal(expectedFen, FiveYuanAnHour.Fee(Entry, Entry.AddSeconds(seconds)));

    [Fact]
    public void A_cap_below_a_day_of_hours_still_charges_the_remainder_by_hour_up_to_the_cap()
    {
        var cheap = new Tariff(FreeMinutes: 0, FenPerHour: 100, DailyCapFen: 5000);

        Assert.Equal(2400, cheap.Fee(Entry, Entry.AddHours(24)));
        Assert.Equal(2500, cheap.Fee(Entry, Entry.AddHours(24).AddMinutes(1)));
    }

    [Fact]
    public void An_exit_before_the_entry_is_not_a_stay() =>
        Assert.Throws<ArgumentException>(() => FiveYuanAnHour.Fee(Entry, Entry.AddSeconds(-1)));

    [Theory]
    [InlineData("粤B12345", "粤B12345")]
    [InlineData("粤b·12345", "粤B12345")]
    [InlineData(" 京A 8K2L9 ", "京A8K2L9")]
    [InlineData("沪AD12345", "沪AD12345")] // new energy, small car
    [InlineData("苏E12345F", "苏E12345F")] // new energy, large vehicle
    [InlineData("粤B1234学", "粤B1234学")]
    public void Plates_are_read_in_their_canonical_form(string raw, string canonical) => Assert.Equal(canonical, Plate.Normalize(raw));

    [Theory]
    [InlineData("")]
    [InlineData("B12345")] // no province
    [InlineData("粤B1234")] // too short
    [InlineData("粤B123456")] // six after the letter, not new energy
    [InlineData("粤BI2345")] // I is never used
    [InlineData("粤BO2345")] // nor O
    [InlineData("X粤B12345")]
    [InlineData("粤B12345'; DROP TABLE vehicles;--")]
    public void Malformed_plates_are_refused(string raw) => Assert.Null(Plate.Normalize(raw));

    private static readonly AllocationPolicy Policy = new(NonOwnerLeaseMaxMonths: 6);

    [Fact]
    public void A_developers_unsold_space_goes_to_owners_while_any_waits()
    {
        var toOwner = new AllocationRequest(AllocationKind.Sale, HolderIsOwner: true, 100_000_00, null);
        var leaseToOther = new AllocationRequest(AllocationKind.Lease, HolderIsOwner: false, 300_00, 3);

        Assert.Null(Policy.Refusal(SpaceOwnership.DeveloperUnsold, SpaceState.Free, false, toOwner, ownersWaiting: 2, PriceCaps.None));
        Assert.Equal("owners_waiting", Policy.Refusal(SpaceOwnership.DeveloperUnsold, SpaceState.Free, false, leaseToOther, ownersWaiting: 1, PriceCaps.None));
        Assert.Null(Policy.Refusal(SpaceOwnership.DeveloperUnsold, SpaceState.Free, false, leaseToOther, ownersWaiting: 0, PriceCaps.None));
    }

    [Fact]
    public void Non_owners_only_lease_and_for_a_limited_term()
    {
        Assert.Equal("sale_to_non_owner",
            Policy.Refusal(SpaceOwnership.DeveloperUnsold, SpaceState.Free, false, new(AllocationKind.Sale, false, 100, null), 0, PriceCaps.None));
        Assert.Equal("lease_term_too_long",
            Policy.Refusal(SpaceOwnership.DeveloperUnsold, SpaceState.Free, false, new(AllocationKind.Lease, false, 100, 7), 0, PriceCaps.None));
        Assert.Null(Policy.Refusal(SpaceOwnership.DeveloperUnsold, SpaceState.Free, false, new(AllocationKind.Lease, false, 100, 6), 0, PriceCaps.None));
    }

    [Fact]
    public void Prices_stay_within_the_caps_inclusively()
    {
        var caps = new PriceCaps(MaxSalePriceFen: 150_000_00, MaxMonthlyRentFen: 400_00, null, null);

        Assert.Null(Policy.Refusal(SpaceOwnership.DeveloperUnsold, SpaceState.Free, false, new(AllocationKind.Sale, true, 150_000_00, null), 0, caps));
        Assert.Equal("price_over_cap", Policy.Refusal(SpaceOwnership.DeveloperUnsold, SpaceState.Free, false, new(AllocationKind.Sale, true, 150_000_01, null), 0, caps));
        Assert.Equal("price_over_cap", Policy.Refusal(SpaceOwnership.OwnersCommon, SpaceState.Free, false, new(AllocationKind.Lease, true, 400_01, 12), 0, caps));
        Assert.True((caps with { MaxFenPerHour = 500 }).AllowsTariff(500, 100_000));
        Assert.False((caps with { MaxFenPerHour = 500 }).AllowsTariff(501, 0));
    }

    [Fact]
    public void Spaces_that_are_not_free_or_not_certified_are_not_allocated()
    {
        var lease = new AllocationRequest(AllocationKind.Lease, true, 100, 12);

        Assert.Equal("space_not_certified", Policy.Refusal(SpaceOwnership.Uncertified, SpaceState.Free, false, lease, 0, PriceCaps.None));
        Assert.Equal("space_not_free", Policy.Refusal(SpaceOwnership.DeveloperUnsold, SpaceState.Leased, false, lease, 0, PriceCaps.None));
        Assert.Equal("space_not_free", Policy.Refusal(SpaceOwnership.OwnerOwned, SpaceState.Sold, false, lease, 0, PriceCaps.None));
        Assert.Null(Policy.Refusal(SpaceOwnership.OwnerOwned, SpaceState.Sold, true, lease, 0, PriceCaps.None));
        Assert.Equal("space_not_for_sale", Policy.Refusal(SpaceOwnership.OwnersCommon, SpaceState.Free, false, new(AllocationKind.Sale, true, 100, null), 0, PriceCaps.None));
    }
}
