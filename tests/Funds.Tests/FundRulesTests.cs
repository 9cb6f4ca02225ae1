using Platform.Contracts.Events;
using Platform.Funds.Domain.Journal;
using Platform.Funds.Domain.Ledgers;

namespace Platform.Funds.Tests;

/// <summary>The fund's rules as plain code: deposits, the top-up threshold at its edge, double entry.</summary>
public sealed class FundRulesTests
{
    [Theory]
    [InlineData("88.88", 3000, 266_640)]
    [InlineData("0.01", 50, 1)]     // 0.5 → 1: half away from zero
    [InlineData("33.33", 15, 500)]  // 499.95 → 500
    [InlineData("100.00", 0, 0)]
    public void The_initial_deposit_is_area_times_rate_rounded_half_away_from_zero(string area, long rate, long expected) =>
        Assert.Equal(expected, DepositRule.InitialDeposit(decimal.Parse(area, System.Globalization.CultureInfo.InvariantCulture), rate));

    [Theory]
    [InlineData(3_000, 10_000, false)] // exactly 30%: not below
    [InlineData(2_999, 10_000, true)]
    [InlineData(1, 3, false)]          // 33.3%
    [InlineData(0, 1, true)]
    [InlineData(0, 0, false)]          // nothing assessed: nothing to top up
    public void A_top_up_is_due_only_strictly_below_thirty_percent_of_the_initial_deposit(long balance, long initial, bool due)
    {
        Assert.Equal(due, DepositRule.TopUpDue(balance, initial, DepositRule.DefaultTopUpThresholdPercent));
        Assert.Equal(Math.Max(0, initial - balance), DepositRule.TopUpAmount(balance, initial));
    }

    [Fact]
    public void A_home_is_rated_by_its_buildings_class_and_anything_else_as_non_residential()
    {
        Assert.Null(DepositRule.TypeOf(UnitUse.Residential, null));
        Assert.Equal(BuildingType.HighRise, DepositRule.TypeOf(UnitUse.Residential, BuildingType.HighRise));
        Assert.Equal(BuildingType.NonResidential, DepositRule.TypeOf(UnitUse.Commercial, BuildingType.HighRise));
        Assert.Equal(BuildingType.NonResidential, DepositRule.TypeOf(UnitUse.ParkingSpace, null));
    }

    [Fact]
    public void A_transaction_balances_only_with_two_or_more_one_sided_positive_lines_whose_debits_equal_the_credits()
    {
        var unit = FundAccounts.UnitLedger(Guid.NewGuid());
        Assert.True(DoubleEntry.Balances([JournalEntryLine.Debit(FundAccounts.DedicatedBankAccount, 5), JournalEntryLine.Credit(unit, 5)]));
        Assert.False(DoubleEntry.Balances([JournalEntryLine.Debit(FundAccounts.DedicatedBankAccount, 5), JournalEntryLine.Credit(unit, 4)]));
        Assert.False(DoubleEntry.Balances([JournalEntryLine.Debit(FundAccounts.DedicatedBankAccount, 0), JournalEntryLine.Credit(unit, 0)]));
        Assert.False(DoubleEntry.Balances([new JournalEntryLine(unit, 5, 5)]));
        Assert.False(DoubleEntry.Balances([JournalEntryLine.Debit(FundAccounts.DedicatedBankAccount, -5), JournalEntryLine.Credit(unit, -5)]));
        Assert.Equal(FundAccountKind.CommunityPublicIncome, FundAccounts.KindOf(FundAccounts.CommunityPublicIncome(Guid.NewGuid())));
    }
}
