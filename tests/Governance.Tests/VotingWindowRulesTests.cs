using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Tests;

/// <summary>The rule set's notice and window, without a database: what a proposal may ask for and how it may be extended.</summary>
public sealed class VotingWindowRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly WindowRules Rules = RuleSetCatalog.CivilCode2021.Window;
    private static readonly DateTimeOffset Opens = Now + Rules.MinimumNotice;

    [Fact]
    public void The_national_rule_sets_ask_fifteen_days_notice_and_a_window_of_seven_to_ninety_days()
    {
        foreach (var rules in new[] { RuleSetCatalog.CivilCode2021, RuleSetCatalog.PropertyRegulations2018 })
        {
            Assert.Equal((15d, 7d, 90d), (rules.Window.MinimumNotice.TotalDays, rules.Window.MinimumWindow.TotalDays, rules.Window.MaximumWindow.TotalDays));
            Assert.Contains("物业管理条例第十四条", rules.Window.Source);
        }
    }

    [Fact]
    public void A_window_after_the_notice_between_the_minimum_and_the_maximum_is_allowed_at_both_bounds()
    {
        Assert.Null(Rules.Refuse(Now, Opens, Opens + Rules.MinimumWindow));
        Assert.Null(Rules.Refuse(Now, Opens, Opens + Rules.MaximumWindow));
        // A caller's clock a minute behind the server's still asks for a full notice.
        Assert.Null(Rules.Refuse(Now, Opens - TimeSpan.FromMinutes(1), Opens + Rules.MinimumWindow));
    }

    [Theory]
    [InlineData(-10 * 24 * 60, 20 * 24 * 60, "opensAt", "error.opens_in_past")]
    [InlineData(-3, 30 * 24 * 60, "opensAt", "error.opens_in_past")]
    [InlineData(60, 8 * 24 * 60, "opensAt", "error.notice_too_short")]
    [InlineData(15 * 24 * 60, 15 * 24 * 60 + 1, "closesAt", "error.window_too_short")]
    [InlineData(15 * 24 * 60, 22 * 24 * 60 - 1, "closesAt", "error.window_too_short")]
    [InlineData(15 * 24 * 60, 105 * 24 * 60 + 1, "closesAt", "error.window_too_long")]
    public void A_window_outside_the_rules_is_refused_naming_the_field(int opensInMinutes, int closesInMinutes, string field, string key)
    {
        var refused = Rules.Refuse(Now, Now.AddMinutes(opensInMinutes), Now.AddMinutes(closesInMinutes));

        Assert.Equal((field, key), (refused?.Field, refused?.Key));
    }

    [Fact]
    public void A_close_already_past_is_refused_even_where_a_demo_allows_no_notice()
    {
        var demo = Rules.ShortenedTo(TimeSpan.Zero, TimeSpan.FromSeconds(30));

        Assert.Equal("error.closes_in_past", demo.Refuse(Now, Now, Now.AddMinutes(-1))?.Key);
        Assert.Null(demo.Refuse(Now, Now, Now.AddMinutes(1)));
        Assert.Equal(Rules.MaximumWindow, demo.MaximumWindow);
    }

    [Fact]
    public void A_demo_shortening_never_lengthens_a_minimum()
    {
        var longer = Rules.ShortenedTo(TimeSpan.FromDays(30), TimeSpan.FromDays(30));

        Assert.Equal((Rules.MinimumNotice, Rules.MinimumWindow), (longer.MinimumNotice, longer.MinimumWindow));
    }

    [Fact]
    public void A_window_is_extended_only_later_only_up_to_the_maximum_and_only_before_it_closes()
    {
        var closes = Opens + Rules.MinimumWindow;

        Assert.Null(Rules.RefuseExtension(Opens.AddDays(1), Opens, closes, closes.AddDays(3)));
        Assert.Equal(("closesAt", "error.extension_not_later"), Field(Rules.RefuseExtension(Opens.AddDays(1), Opens, closes, closes)));
        Assert.Equal(("closesAt", "error.extension_not_later"), Field(Rules.RefuseExtension(Opens.AddDays(1), Opens, closes, closes.AddDays(-1))));
        Assert.Equal(("closesAt", "error.window_too_long"), Field(Rules.RefuseExtension(Opens.AddDays(1), Opens, closes, Opens + Rules.MaximumWindow + TimeSpan.FromSeconds(1))));
        var late = Rules.RefuseExtension(closes, Opens, closes, closes.AddDays(3));
        Assert.True(late!.IsConflict);
        Assert.Equal(WindowRefusal.VotingClosed, late.Key);
    }

    private static (string?, string?) Field(WindowRefusal? refusal) => (refusal?.Field, refusal?.Key);
}
