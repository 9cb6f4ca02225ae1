using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Tests;

/// <summary>The art. 278 rule engine: quorum and pass thresholds at their exact edges, headcount and area counting, rule sets by date.</summary>
public sealed class VotingRulesTests
{
    private static readonly VotingRuleSet CivilCode = RuleSetCatalog.CivilCode2021;

    /// <summary>Owners each with one unit of the given areas.</summary>
    private static (Electorate Electorate, List<string> Voters) Owners(params decimal[] areas)
    {
        var units = areas.Select(area => new ElectorateUnit(Guid.NewGuid(), area, Guid.NewGuid())).ToList();
        return (new Electorate(units), units.Select(u => u.OwnerId.ToString()).ToList());
    }

    private static Dictionary<string, Choice> Ballots(IEnumerable<string> voters, Choice choice) => voters.ToDictionary(v => v, _ => choice);

    [Fact]
    public void Vote_with_exactly_two_thirds_of_area_and_owners_meets_quorum()
    {
        var (electorate, voters) = Owners(100, 100, 100);

        var result = VoteCount.Decide(CivilCode, MatterType.AssemblyRules, electorate, Ballots(voters.Take(2), Choice.Agree));

        Assert.True(result.QuorumMet);
        Assert.True(result.Passed);
    }

    [Fact]
    public void Vote_a_hundredth_of_a_square_metre_short_of_two_thirds_of_area_misses_quorum()
    {
        // 200.00 of 300.01 m² is just under two thirds; two of three owners is exactly two thirds.
        var (electorate, voters) = Owners(100, 100, 100.01m);

        var result = VoteCount.Decide(CivilCode, MatterType.AssemblyRules, electorate, Ballots(voters.Take(2), Choice.Agree));

        Assert.False(result.QuorumMet);
        Assert.False(result.Passed);
    }

    [Fact]
    public void Exactly_half_of_the_participating_is_not_more_than_half()
    {
        var (electorate, voters) = Owners(50, 50, 50, 50);
        var ballots = Ballots(voters.Take(2), Choice.Agree);
        ballots[voters[2]] = Choice.Disagree;
        ballots[voters[3]] = Choice.Abstain;

        var result = VoteCount.Decide(CivilCode, MatterType.HireOrDismissPropertyCompany, electorate, ballots);

        Assert.True(result.QuorumMet);
        Assert.False(result.AreaApproved);
        Assert.False(result.HeadcountApproved);
        Assert.Equal((4, 2, 1, 1), (result.Tally.ParticipatingHeadcount, result.Tally.AgreeHeadcount, result.Tally.DisagreeHeadcount, result.Tally.AbstainHeadcount));
    }

    [Fact]
    public void Exactly_three_quarters_of_the_participating_passes_a_special_matter()
    {
        var (electorate, voters) = Owners(10, 10, 10, 10);
        var ballots = Ballots(voters.Take(3), Choice.Agree);
        ballots[voters[3]] = Choice.Disagree;

        Assert.True(VoteCount.Decide(CivilCode, MatterType.RaiseMaintenanceFunds, electorate, ballots).Passed);

        ballots[voters[2]] = Choice.Abstain;
        Assert.False(VoteCount.Decide(CivilCode, MatterType.RaiseMaintenanceFunds, electorate, ballots).Passed);
    }

    [Theory]
    [InlineData(MatterType.RaiseMaintenanceFunds, true)]
    [InlineData(MatterType.RebuildOrReconstruct, true)]
    [InlineData(MatterType.ChangeUseOfCommonParts, true)]
    [InlineData(MatterType.UseMaintenanceFunds, false)]
    [InlineData(MatterType.ElectOrReplaceCommittee, false)]
    public void Matters_six_to_eight_need_three_quarters_and_the_others_more_than_half(MatterType matter, bool special)
    {
        // 7 of 10 agree: more than half, less than three quarters.
        var (electorate, voters) = Owners(Enumerable.Repeat(80m, 10).ToArray());
        var ballots = Ballots(voters.Take(7), Choice.Agree);
        foreach (var voter in voters.Skip(7))
        {
            ballots[voter] = Choice.Disagree;
        }

        Assert.Equal(!special, VoteCount.Decide(CivilCode, matter, electorate, ballots).Passed);
    }

    [Fact]
    public void One_person_with_several_units_counts_once_with_all_their_area()
    {
        var person = Guid.NewGuid();
        var electorate = new Electorate(
        [
            new ElectorateUnit(Guid.NewGuid(), 90.5m, person),
            new ElectorateUnit(Guid.NewGuid(), 60.25m, person),
            new ElectorateUnit(Guid.NewGuid(), 100m, Guid.NewGuid()),
        ]);

        Assert.Equal(2, electorate.Headcount);
        Assert.Equal(25_075, electorate.AreaHundredths);
        Assert.Equal(15_075, electorate.Find(person.ToString())!.AreaHundredths);
    }

    [Fact]
    public void Each_developers_unsold_units_count_together_as_one_owner_that_developer()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var electorate = new Electorate(
        [
            new ElectorateUnit(Guid.NewGuid(), 100m, first),
            new ElectorateUnit(Guid.NewGuid(), 100m, first),
            new ElectorateUnit(Guid.NewGuid(), 50m, second),
            new ElectorateUnit(Guid.NewGuid(), 100m, Guid.NewGuid()),
        ]);

        Assert.Equal(3, electorate.Headcount);
        Assert.Equal((2, 20_000L), (electorate.Find(first.ToString())!.UnitIds.Count, electorate.Find(first.ToString())!.AreaHundredths));
        Assert.Equal(5_000, electorate.Find(second.ToString())!.AreaHundredths);
        Assert.Null(electorate.Find("developer"));
    }

    [Fact]
    public void A_vote_is_decided_by_the_rule_set_in_force_when_its_proposal_was_created()
    {
        Assert.Equal("cn-property-regulations-2018", RuleSetCatalog.Default.For("360121", new DateOnly(2020, 12, 31)).Id);
        Assert.Equal("cn-civil-code-2021", RuleSetCatalog.Default.For("360121", new DateOnly(2021, 1, 1)).Id);
    }

    [Fact]
    public void Before_2021_using_the_fund_needs_two_thirds_of_all_owners_not_of_those_taking_part()
    {
        // Before 2021 the shares are of all ten owners: seven agreeing reach two thirds, six do not.
        var (electorate, voters) = Owners(Enumerable.Repeat(70m, 10).ToArray());
        var ballots = Ballots(voters.Take(7), Choice.Agree);
        var rules = RuleSetCatalog.Default.For("360121", new DateOnly(2020, 6, 1));

        var sevenOfTen = VoteCount.Decide(rules, MatterType.UseMaintenanceFunds, electorate, ballots);
        ballots.Remove(voters[6]);
        var sixOfTen = VoteCount.Decide(rules, MatterType.UseMaintenanceFunds, electorate, ballots);

        Assert.True(sevenOfTen.Passed);
        Assert.False(sixOfTen.Passed);
        Assert.Equal("cn-property-regulations-2018", sixOfTen.RuleSetId);
    }

    [Fact]
    public void A_local_rule_set_wins_over_the_national_one_where_it_applies()
    {
        var local = RuleSetCatalog.CivilCode2021 with
        {
            Id = "360121-county-rules-2024",
            Locality = "360121",
            EffectiveFrom = new DateOnly(2024, 1, 1),
            QuorumArea = Threshold.AtLeast(3, 4, ThresholdBase.Electorate),
        };
        var catalog = new RuleSetCatalog([RuleSetCatalog.CivilCode2021, RuleSetCatalog.PropertyRegulations2018, local]);

        Assert.Equal(local.Id, catalog.For("360121104", new DateOnly(2025, 3, 1)).Id);
        Assert.Equal("cn-civil-code-2021", catalog.For("360122", new DateOnly(2025, 3, 1)).Id);
        Assert.Equal("cn-civil-code-2021", catalog.For("360121104", new DateOnly(2023, 12, 31)).Id);
    }

    [Fact]
    public void Ratios_are_compared_exactly_even_where_floating_point_would_round()
    {
        // 2/3 of 0.03 m² is 0.02 m²: with doubles 0.02/0.03 < 0.6666666666666666 can go either way.
        Assert.True(Threshold.AtLeast(2, 3, ThresholdBase.Electorate).IsMetBy(2, 3));
        Assert.False(Threshold.MoreThan(2, 3, ThresholdBase.Electorate).IsMetBy(2, 3));
        Assert.True(Threshold.AtLeast(2, 3, ThresholdBase.Electorate).IsMetBy(666_666_666_666_666_667, 1_000_000_000_000_000_000));
        Assert.False(Threshold.AtLeast(2, 3, ThresholdBase.Electorate).IsMetBy(666_666_666_666_666_666, 1_000_000_000_000_000_000));
    }

    [Fact]
    public void An_area_with_more_than_two_decimals_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Electorate([new ElectorateUnit(Guid.NewGuid(), 80.125m, Guid.NewGuid())]));

    [Fact]
    public void A_ballot_from_outside_the_electorate_is_refused()
    {
        var (electorate, _) = Owners(50);

        Assert.Throws<ArgumentException>(() => VoteCount.Tally(electorate, new Dictionary<string, Choice> { [Guid.NewGuid().ToString()] = Choice.Agree }));
    }
}
