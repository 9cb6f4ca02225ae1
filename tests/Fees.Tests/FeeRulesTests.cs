using CsCheck;
using Platform.Fees.Domain.Billing;
using Platform.Fees.Domain.Money;
using Platform.Contracts.Kernel.Money;
using Platform.Fees.Domain.Standards;
using Platform.Fees.Domain.PublicIncome;
using Platform.Contracts.Events;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Fees.Tests;

/// <summary>The fee rules as pure code: band edges, rounding, exact apportionment, billing periods.</summary>
public sealed class FeeRulesTests
{
    [Theory]
    [InlineData(119, false)]
    [InlineData(120, true)]
    [InlineData(150, true)]
    [InlineData(180, true)]
    [InlineData(181, false)]
    public void A_band_of_150_fen_plus_or_minus_20_percent_admits_its_edges_and_nothing_beyond(long rateFen, bool admitted) =>
        Assert.Equal(admitted, new PriceBand(2026, 3, FeeUse.Residential, 150, 20).Admits(rateFen));

    [Fact]
    public void Band_edges_that_fall_between_fen_admit_only_whole_fen_inside()
    {
        var band = new PriceBand(2026, 2, FeeUse.Residential, 133, 15); // 113.05 .. 152.95
        Assert.Equal((114L, 152L), (band.LowestFen, band.HighestFen));
        Assert.False(band.Admits(113));
        Assert.True(band.Admits(114));
        Assert.True(band.Admits(152));
        Assert.False(band.Admits(153));
    }

    [Theory]
    [InlineData("89.50", 150, 13425)]
    [InlineData("100.01", 150, 15002)] // 15001.5 rounds up
    [InlineData("33.33", 150, 5000)]   // 4999.5 rounds up
    [InlineData("0.01", 49, 0)]        // 0.49 rounds down
    [InlineData("0.01", 50, 1)]        // 0.5 rounds away from zero
    public void A_monthly_fee_rounds_half_away_from_zero_to_the_fen(string area, long rate, long expected) =>
        Assert.Equal(expected, Fen.MonthlyFee(decimal.Parse(area, System.Globalization.CultureInfo.InvariantCulture), rate));

    [Fact]
    public void An_apportionment_sums_exactly_and_no_share_is_more_than_a_fen_from_its_exact_value()
    {
        var units = Gen.Long[1, 50_000_00].Select(area => (UnitId: Guid.NewGuid(), AreaHundredths: area)).List[1, 60];
        Gen.Select(Gen.Long[0, 100_000_000], units).Sample((amount, list) =>
        {
            var shares = Apportionment.ByArea(amount, list);
            var totalArea = list.Sum(u => (decimal)u.AreaHundredths);
            return shares.Sum(s => s.AmountFen) == amount
                   && shares.All(s => Math.Abs(s.AmountFen - amount * s.Weight / totalArea) < 1m);
        }, iter: 2_000);
    }

    [Fact]
    public void Leftover_fen_go_to_the_largest_remainders_and_ties_by_unit_id()
    {
        var a = Guid.Parse("00000000-0000-0000-0000-00000000000a");
        var b = Guid.Parse("00000000-0000-0000-0000-00000000000b");
        var c = Guid.Parse("00000000-0000-0000-0000-00000000000c");

        var shares = Apportionment.ByArea(100, [(c, 100), (b, 100), (a, 100)]);

        Assert.Equal([33L, 33L, 34L], shares.Select(s => s.AmountFen)); // in the order given; a wins the tie
        Assert.Equal(34, shares.Single(s => s.UnitId == a).AmountFen);
    }

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2026-13", false)]
    [InlineData("202611", false)]
    [InlineData("2026-1", false)]
    [InlineData("26-11-01", false)]
    [InlineData("", false)]
    public void A_billing_period_is_written_yyyy_MM(string text, bool valid) =>
        Assert.Equal(valid, BillingPeriod.TryParse(text, out _));

    [Fact]
    public void A_payment_settles_the_oldest_bills_first_and_one_beyond_what_is_owed_is_refused()
    {
        Outstanding[] owed = [new(Guid.NewGuid(), "2026-03", 500), new(Guid.NewGuid(), "2026-01", 500), new(Guid.NewGuid(), "2026-02", 0)];

        var allocated = OldestFirst.Allocate(700, owed)!;

        Assert.Equal([(owed[1].BillId, 500L), (owed[0].BillId, 200L)], allocated);
        Assert.Equal(2, OldestFirst.Allocate(1_000, owed)!.Count);
        Assert.Null(OldestFirst.Allocate(1_001, owed));
    }

    [Theory]
    [InlineData(OwnersMatter.OtherMajorMatter, VoteScopeKind.Community, ResolutionRefusal.None)]
    [InlineData(OwnersMatter.OtherMajorMatter, VoteScopeKind.Units, ResolutionRefusal.NotCommunityWide)]
    [InlineData(OwnersMatter.OtherMajorMatter, VoteScopeKind.Buildings, ResolutionRefusal.NotCommunityWide)]
    [InlineData(OwnersMatter.ChangeUseOfCommonParts, VoteScopeKind.Community, ResolutionRefusal.WrongMatter)]
    [InlineData(OwnersMatter.HireOrDismissPropertyCompany, VoteScopeKind.Community, ResolutionRefusal.WrongMatter)]
    public void Only_a_community_wide_resolution_of_art_278_item_9_sets_the_public_income_split(OwnersMatter matter, VoteScopeKind scope, ResolutionRefusal expected)
    {
        var terms = new Dictionary<string, string> { [PublicIncomeResolutions.OwnersSharePercentTerm] = "60" };
        Assert.Equal(expected, PublicIncomeResolutions.Split(matter, scope, terms, out _));
    }

    [Theory]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("70.5")]
    [InlineData("")]
    public void A_malformed_split_term_sets_no_split(string percent) =>
        Assert.Equal(ResolutionRefusal.TermMissing, PublicIncomeResolutions.Split(OwnersMatter.OtherMajorMatter, VoteScopeKind.Community,
            new Dictionary<string, string> { [PublicIncomeResolutions.OwnersSharePercentTerm] = percent }, out _));

    [Fact]
    public void Each_days_net_income_takes_the_split_in_force_that_day_and_the_company_never_gets_the_fen_in_doubt()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var splits = new[] { new SplitInForce(first, new DateOnly(2026, 3, 1), 70), new SplitInForce(second, new DateOnly(2026, 6, 1), 90) };
        var flows = new (DateOnly, long)[]
        {
            (new DateOnly(2026, 2, 28), 100_000), // before any split: all the owners'
            (new DateOnly(2026, 3, 1), 10_001), (new DateOnly(2026, 5, 31), -1),   // 30% of 10,000 = 3,000
            (new DateOnly(2026, 6, 1), 1_009),                                       // 10% of 1,009 = 100.9 → 100
        };

        Assert.Equal(3_100L, PublicIncomeShares.CompanyShareFen(flows, splits));
        Assert.Null(PublicIncomeShares.InForceOn(new DateOnly(2026, 2, 28), splits));
        Assert.Equal(second, PublicIncomeShares.InForceOn(new DateOnly(2026, 12, 31), splits)!.ResolutionId);
    }

    [Fact]
    public void A_later_decision_from_the_same_day_replaces_the_earlier_one()
    {
        var day = new DateOnly(2026, 3, 1);
        var splits = new[] { new SplitInForce(Guid.NewGuid(), day, 50), new SplitInForce(Guid.NewGuid(), day, 100) };
        Assert.Equal(0L, PublicIncomeShares.CompanyShareFen([(day, 10_000L)], splits));
    }

    [Theory]
    [InlineData("2026-04", null, false, null, StandardTimingRefusal.None)]
    [InlineData("2026-04", "2026-03", false, null, StandardTimingRefusal.None)]
    [InlineData("2026-03", "2026-03", false, "涨价", StandardTimingRefusal.MonthBilled)]
    [InlineData("2026-01", "2026-03", false, null, StandardTimingRefusal.MonthBilled)]
    [InlineData("2026-03", "2026-03", true, " ", StandardTimingRefusal.ReasonRequired)]
    [InlineData("2026-03", "2026-03", true, "复核后调整", StandardTimingRefusal.None)]
    public void A_standard_starts_after_the_last_billed_month_unless_the_housing_bureau_records_it_with_a_reason(
        string from, string? lastBilled, bool housingBureau, string? reason, StandardTimingRefusal expected) =>
        Assert.Equal(expected, StandardTiming.Check(BillingPeriod.Parse(from), lastBilled is null ? null : BillingPeriod.Parse(lastBilled), housingBureau, reason));
}
