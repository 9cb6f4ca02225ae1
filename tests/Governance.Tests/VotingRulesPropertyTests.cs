using CsCheck;
using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Tests;

/// <summary>
/// Properties of the art. 278 rule engine over generated communities and ballots: monotonicity, counting
/// owners and area, thresholds at their exact edges (art. 1259), tally invariants and the choice of rule set.
/// Areas are generated in whole hundredths of a m² and all expectations are computed with integers.
/// </summary>
public sealed class VotingRulesPropertyTests
{
    private const long Iterations = 500;

    private static readonly VotingRuleSet[] NationalRuleSets = [RuleSetCatalog.CivilCode2021, RuleSetCatalog.PropertyRegulations2018];

    private static readonly MatterType[] SpecialMatters = [MatterType.RaiseMaintenanceFunds, MatterType.RebuildOrReconstruct, MatterType.ChangeUseOfCommonParts];

    private static readonly MatterType[] OrdinaryMatters = Enum.GetValues<MatterType>().Except(SpecialMatters).ToArray();

    private static readonly MatterType[] Pre2021FundMatters = [MatterType.UseMaintenanceFunds, MatterType.RaiseMaintenanceFunds, MatterType.RebuildOrReconstruct];

    // ---------------------------------------------------------------- generators

    /// <summary>
    /// A unit's exclusive area in hundredths of a m²: mostly 0.01 to 200.00 m², often a typical flat size
    /// (so that shares land exactly on a boundary), sometimes tiny (a storeroom: 0.01 to 1.00 m²).
    /// </summary>
    private static readonly Gen<int> Area = Gen.Frequency(
        (3, (IGen<int>)Gen.Int[1, 20_000]),
        (2, Gen.OneOf(6_000, 8_000, 9_000, 12_000)),
        (1, Gen.Int[1, 100]));

    /// <summary>Up to eight owners with one to three units each, and zero to four unsold developer units, listed in a shuffled order.</summary>
    private static readonly Gen<Community> Communities =
        Gen.Select(Area.Array[1, 3].Array[1, 8], Area.Array[0, 4], Gen.Int, (owners, developer, shuffle) => new Community(owners, developer, shuffle));

    /// <summary>A ballot per possible voter (at most nine): 0 none, 1 Agree, 2 Disagree, 3 Abstain; Agree more often, so that votes pass as well as fail.</summary>
    private static readonly Gen<int[]> Choices = Gen.Frequency((1, (IGen<int>)Gen.Int[0, 3]), (1, Gen.Const(1))).Array[9];

    private static readonly Gen<MatterType> Matters = Gen.Enum<MatterType>();

    // ---------------------------------------------------------------- 1. monotonicity

    [Fact]
    public void Changing_a_non_agreeing_or_missing_ballot_to_agree_never_turns_a_pass_into_a_fail()
    {
        long passing = 0, failing = 0, turned = 0;
        Gen.Select(Communities, Choices, Matters, Gen.Int[0, 1_000]).Sample((community, choices, matter, pick) =>
        {
            var electorate = community.Electorate();
            var ballots = community.Ballots(choices);
            var others = community.VoterIds.Where(id => !ballots.TryGetValue(id, out var choice) || choice != Choice.Agree).ToList();
            if (others.Count == 0)
            {
                return;
            }

            var more = new Dictionary<string, Choice>(ballots) { [others[pick % others.Count]] = Choice.Agree };
            foreach (var rules in NationalRuleSets)
            {
                var before = VoteCount.Decide(rules, matter, electorate, ballots);
                var after = VoteCount.Decide(rules, matter, electorate, more);
                Interlocked.Increment(ref before.Passed ? ref passing : ref failing);
                if (!before.Passed && after.Passed)
                {
                    Interlocked.Increment(ref turned);
                }

                Assert.False(before.Passed && !after.Passed, $"{rules.Id}: {before} -> {after}");
                // Each comparison is monotone on its own, not only their conjunction.
                Assert.True(after.QuorumMet || !before.QuorumMet, rules.Id);
                Assert.True(after.AreaApproved || !before.AreaApproved, rules.Id);
                Assert.True(after.HeadcountApproved || !before.HeadcountApproved, rules.Id);
            }
        }, iter: Iterations);

        // Not vacuous: the generated votes include passes that must stay passes and fails that one more Agree turns.
        Assert.True(passing >= Iterations / 20 && failing >= Iterations / 20 && turned >= Iterations / 100, $"passing {passing}, failing {failing}, turned {turned}");
    }

    [Fact]
    public void Removing_an_agreeing_ballot_never_turns_a_fail_into_a_pass()
    {
        long passing = 0, failing = 0, turned = 0;
        Gen.Select(Communities, Choices, Matters, Gen.Int[0, 1_000]).Sample((community, choices, matter, pick) =>
        {
            var electorate = community.Electorate();
            var ballots = community.Ballots(choices);
            var agreeing = ballots.Where(ballot => ballot.Value == Choice.Agree).Select(ballot => ballot.Key).ToList();
            if (agreeing.Count == 0)
            {
                return;
            }

            var fewer = new Dictionary<string, Choice>(ballots);
            fewer.Remove(agreeing[pick % agreeing.Count]);
            foreach (var rules in NationalRuleSets)
            {
                var before = VoteCount.Decide(rules, matter, electorate, ballots);
                var after = VoteCount.Decide(rules, matter, electorate, fewer);
                Interlocked.Increment(ref before.Passed ? ref passing : ref failing);
                if (before.Passed && !after.Passed)
                {
                    Interlocked.Increment(ref turned);
                }

                Assert.False(!before.Passed && after.Passed, $"{rules.Id}: {before} -> {after}");
            }
        }, iter: Iterations);

        // Not vacuous: the generated votes include fails that must stay fails and passes that one Agree fewer turns.
        Assert.True(passing >= Iterations / 20 && failing >= Iterations / 20 && turned >= Iterations / 100, $"passing {passing}, failing {failing}, turned {turned}");
    }

    // ---------------------------------------------------------------- 2. counting owners and area

    [Fact]
    public void An_owner_counts_once_with_all_their_area_and_the_developers_unsold_units_count_as_one_voter()
    {
        Communities.Sample(community =>
        {
            var electorate = community.Electorate();

            Assert.Equal(community.Owners.Length + (community.Developer.Length > 0 ? 1 : 0), electorate.Headcount);
            Assert.Equal(community.Owners.Sum(units => units.Sum(area => (long)area)) + community.Developer.Sum(area => (long)area), electorate.AreaHundredths);
            Assert.Equal(electorate.Headcount, electorate.Voters.Count);
            Assert.Equal(electorate.AreaHundredths, electorate.Voters.Sum(voter => voter.AreaHundredths));

            for (var owner = 0; owner < community.Owners.Length; owner++)
            {
                var voter = electorate.Find(Community.OwnerId(owner).ToString());
                Assert.NotNull(voter);
                Assert.Equal(community.Owners[owner].Sum(area => (long)area), voter.AreaHundredths);
                Assert.Equal(community.Owners[owner].Length, voter.UnitIds.Count);
            }

            var developer = electorate.Find(Community.DeveloperOwnerId.ToString());
            if (community.Developer.Length == 0)
            {
                Assert.Null(developer);
            }
            else
            {
                Assert.NotNull(developer);
                Assert.Equal(community.Developer.Length, developer.UnitIds.Count);
                Assert.Equal(community.Developer.Sum(area => (long)area), developer.AreaHundredths);
                Assert.Equal(community.Units().Where(unit => unit.OwnerId == Community.DeveloperOwnerId).Select(unit => unit.UnitId).Order(), developer.UnitIds.Order());
            }

            // Every unit belongs to exactly one voter.
            Assert.Equal(community.Units().Select(unit => unit.UnitId).Order(), electorate.Voters.SelectMany(voter => voter.UnitIds).Order());
        }, iter: Iterations);
    }

    [Fact]
    public void A_ballot_of_an_owner_with_several_units_or_of_the_developer_counts_one_head_and_all_their_area()
    {
        Gen.Select(Communities, Choices).Sample((community, choices) =>
        {
            var ballots = community.Ballots(choices);
            var tally = VoteCount.Tally(community.Electorate(), ballots);

            Assert.Equal(ballots.Count, tally.ParticipatingHeadcount);
            Assert.Equal(ballots.Keys.Sum(community.AreaOf), tally.ParticipatingAreaHundredths);
            Assert.Equal(ballots.Count(ballot => ballot.Value == Choice.Agree), tally.AgreeHeadcount);
            Assert.Equal(ballots.Where(ballot => ballot.Value == Choice.Agree).Sum(ballot => community.AreaOf(ballot.Key)), tally.AgreeAreaHundredths);
        }, iter: Iterations);
    }

    // ---------------------------------------------------------------- 3. exact thresholds (art. 1259)

    private static readonly Gen<(long Numerator, long Denominator)> Shares = Gen.OneOf((2L, 3L), (3L, 4L), (1L, 2L));

    [Fact]
    public void At_least_thresholds_are_met_exactly_at_the_boundary_and_more_than_thresholds_only_above_it()
    {
        var multiples = Gen.OneOf<long>(Gen.Long[1, 1_000], Gen.Long[1, long.MaxValue / 8]);
        Gen.Select(Shares, multiples, Gen.Enum<ThresholdBase>()).Sample((share, k, of) =>
        {
            var (n, d) = share;
            long whole = d * k, part = n * k;
            Assert.Equal((Int128)part * d, (Int128)whole * n);

            var atLeast = Threshold.AtLeast(n, d, of);
            Assert.False(atLeast.IsMetBy(part - 1, whole));
            Assert.True(atLeast.IsMetBy(part, whole));
            Assert.True(atLeast.IsMetBy(part + 1, whole));

            var moreThan = Threshold.MoreThan(n, d, of);
            Assert.False(moreThan.IsMetBy(part - 1, whole));
            Assert.False(moreThan.IsMetBy(part, whole));
            Assert.True(moreThan.IsMetBy(part + 1, whole));

            // One more in the whole puts the same part just below the share.
            Assert.False(atLeast.IsMetBy(part, whole + 1));
        }, iter: Iterations);
    }

    [Fact]
    public void Civil_code_quorum_is_met_at_exactly_two_thirds_of_area_and_owners_and_missed_one_hundredth_or_one_owner_short()
    {
        // 2k owners take part and k stay away; the absent hold exactly half the participating area.
        var gen = Gen.Select(Gen.Int[1, 5], Gen.Int[2, 20_000].Array[10], Gen.Int[1, 1_000].Array[5], Matters);
        gen.Sample((k, areas, weights, matter) =>
        {
            var participating = areas.Take(2 * k).Select(area => (long)area).ToArray();
            if (participating.Sum() % 2 == 1)
            {
                participating[0]++;
            }

            var absent = Split(participating.Sum() / 2, weights.Take(k).ToArray(), minimum: 2);
            Assert.Equal(participating.Sum() * 3, (participating.Sum() + absent.Sum()) * 2);

            QuorumMet(participating, absent, matter, expected: true);

            // A hundredth of a m² moves from someone taking part to someone away, and back the other way.
            QuorumMet([participating[0] - 1, .. participating[1..]], [absent[0] + 1, .. absent[1..]], matter, expected: false);
            QuorumMet([participating[0] + 1, .. participating[1..]], [absent[0] - 1, .. absent[1..]], matter, expected: true);

            // Two who take part are one person (2k−1 of 3k−1 owners), or one who takes part is two (2k+1 of 3k+1); the area stays exact.
            QuorumMet(participating[2..], absent, matter, expected: false, [participating[0], participating[1]]);
            QuorumMet([1, participating[0] - 1, .. participating[1..]], absent, matter, expected: true);
        }, iter: Iterations);

        static void QuorumMet(long[] participating, long[] absent, MatterType matter, bool expected, long[]? oneOwnerWithUnits = null)
        {
            var vote = new VoteBuilder();
            foreach (var area in participating)
            {
                vote.Owner(Choice.Agree, area);
            }

            if (oneOwnerWithUnits is not null)
            {
                vote.Owner(Choice.Agree, oneOwnerWithUnits);
            }

            foreach (var area in absent)
            {
                vote.Owner(null, area);
            }

            var result = vote.Decide(RuleSetCatalog.CivilCode2021, matter);
            Assert.Equal(expected, result.QuorumMet);
            // Everyone taking part agrees, so the quorum alone decides.
            Assert.Equal(expected, result.Passed);
        }
    }

    [Fact]
    public void Matters_six_to_eight_pass_at_exactly_three_quarters_of_the_participating_area_and_owners_and_fail_one_hundredth_or_one_owner_short()
    {
        // k owners do not agree, 3k agree with three times their area; up to 2k−1 owners with little area stay away.
        var gen = Gen.Select(
            Gen.Select(Gen.Int[1, 4], Gen.Int[2, 20_000].Array[4], Gen.Bool.Array[4], Gen.Int[1, 1_000].Array[12]),
            Gen.Select(Gen.Int[0, 7], Gen.Int[0, 1_000], Gen.Int[1, 1_000].Array[7], Gen.OneOf(SpecialMatters)));
        gen.Sample((agreement, absence) =>
        {
            var (k, areas, abstains, weights) = agreement;
            var (absentCount, absentShare, absentWeights, matter) = absence;
            var against = areas.Take(k).Select(area => (long)area).ToArray();
            var agree = Split(3 * against.Sum(), weights.Take(3 * k).ToArray(), minimum: 2);
            var absent = Absent(4 * against.Sum(), absentCount % (2 * k), absentShare, absentWeights);
            var choices = abstains.Take(k).Select(abstain => abstain ? Choice.Abstain : Choice.Disagree).ToArray();

            var exact = Decide(agree, against, choices, absent, matter);
            Assert.True(exact.QuorumMet);
            Assert.Equal((3 * k, 4 * k), (exact.Tally.AgreeHeadcount, exact.Tally.ParticipatingHeadcount));
            Assert.Equal(exact.Tally.AgreeAreaHundredths * 4, exact.Tally.ParticipatingAreaHundredths * 3);
            Assert.True(exact.Passed);

            // One hundredth of a m² moves from an agreeing owner to one who does not agree.
            var areaShort = Decide([agree[0] - 1, .. agree[1..]], [against[0] + 1, .. against[1..]], choices, absent, matter);
            Assert.True(areaShort.QuorumMet && areaShort.HeadcountApproved);
            Assert.False(areaShort.AreaApproved);
            Assert.False(areaShort.Passed);

            // Two agreeing owners are one person: 3k−1 of 4k−1, with the area still exactly three quarters.
            var headShort = Decide(agree[2..], against, choices, absent, matter, [agree[0], agree[1]]);
            Assert.True(headShort.QuorumMet && headShort.AreaApproved);
            Assert.False(headShort.HeadcountApproved);
            Assert.False(headShort.Passed);

            // A hundredth of a m² moves the other way and the agreeing owner who gains it is two people: above on both counts.
            var above = Decide([1, agree[0], .. agree[1..]], [against[0] - 1, .. against[1..]], choices, absent, matter);
            Assert.True(above.QuorumMet && above.AreaApproved && above.HeadcountApproved);
            Assert.True(above.Passed);
        }, iter: Iterations);
    }

    [Fact]
    public void Other_matters_fail_at_exactly_half_of_the_participating_and_pass_with_one_hundredth_of_a_square_metre_and_one_owner_more()
    {
        // k owners agree and k owners with the same total area do not; up to k−1 owners with little area stay away.
        var gen = Gen.Select(
            Gen.Select(Gen.Int[1, 4], Gen.Int[2, 20_000].Array[4], Gen.Bool.Array[4], Gen.Int[1, 1_000].Array[4]),
            Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1_000], Gen.Int[1, 1_000].Array[3], Gen.OneOf(OrdinaryMatters)));
        gen.Sample((agreement, absence) =>
        {
            var (k, areas, abstains, weights) = agreement;
            var (absentCount, absentShare, absentWeights, matter) = absence;
            var agree = areas.Take(k).Select(area => (long)area).ToArray();
            var against = Split(agree.Sum(), weights.Take(k).ToArray(), minimum: 2);
            var absent = Absent(2 * agree.Sum(), absentCount % k, absentShare, absentWeights);
            var choices = abstains.Take(k).Select(abstain => abstain ? Choice.Abstain : Choice.Disagree).ToArray();

            var half = Decide(agree, against, choices, absent, matter);
            Assert.True(half.QuorumMet);
            Assert.Equal(half.Tally.AgreeHeadcount * 2, half.Tally.ParticipatingHeadcount);
            Assert.Equal(half.Tally.AgreeAreaHundredths * 2, half.Tally.ParticipatingAreaHundredths);
            Assert.False(half.AreaApproved);
            Assert.False(half.HeadcountApproved);
            Assert.False(half.Passed);

            // A hundredth of a m² more: the area is approved, the owners (exactly half) are not.
            long[] agreeMore = [agree[0] + 1, .. agree[1..]], againstLess = [against[0] - 1, .. against[1..]];
            var areaMore = Decide(agreeMore, againstLess, choices, absent, matter);
            Assert.True(areaMore.AreaApproved);
            Assert.False(areaMore.HeadcountApproved);
            Assert.False(areaMore.Passed);

            // One agreeing owner is two people: k+1 of 2k+1 owners, the area still exactly half.
            var headMore = Decide([1, agree[0] - 1, .. agree[1..]], against, choices, absent, matter);
            Assert.True(headMore.HeadcountApproved);
            Assert.False(headMore.AreaApproved);
            Assert.False(headMore.Passed);

            var both = Decide([1, agreeMore[0] - 1, .. agreeMore[1..]], againstLess, choices, absent, matter);
            Assert.True(both.QuorumMet && both.AreaApproved && both.HeadcountApproved);
            Assert.True(both.Passed);
        }, iter: Iterations);
    }

    [Fact]
    public void Before_2021_fund_matters_pass_at_exactly_two_thirds_of_all_area_and_owners_whoever_else_takes_part()
    {
        // 2k owners agree; k others hold half their area and vote against, abstain or stay away.
        var gen = Gen.Select(Gen.Int[1, 4], Gen.Int[2, 20_000].Array[8], Gen.Int[1, 1_000].Array[4], Gen.Int[0, 2].Array[4], Gen.OneOf(Pre2021FundMatters));
        gen.Sample((k, areas, weights, others, matter) =>
        {
            var agree = areas.Take(2 * k).Select(area => (long)area).ToArray();
            if (agree.Sum() % 2 == 1)
            {
                agree[0]++;
            }

            var rest = Split(agree.Sum() / 2, weights.Take(k).ToArray(), minimum: 2);
            var choices = others.Take(k).Select(other => other switch { 0 => (Choice?)null, 1 => Choice.Disagree, _ => Choice.Abstain }).ToArray();

            Assert.True(Decide(RuleSetCatalog.PropertyRegulations2018, agree, rest, choices, matter).Passed);
            Assert.False(Decide(RuleSetCatalog.PropertyRegulations2018, [agree[0] - 1, .. agree[1..]], [rest[0] + 1, .. rest[1..]], choices, matter).Passed);
            Assert.True(Decide(RuleSetCatalog.PropertyRegulations2018, [agree[0] + 1, .. agree[1..]], [rest[0] - 1, .. rest[1..]], choices, matter).Passed);
        }, iter: Iterations);

        static VoteResult Decide(VotingRuleSet rules, long[] agree, long[] rest, Choice?[] choices, MatterType matter)
        {
            var vote = new VoteBuilder();
            foreach (var area in agree)
            {
                vote.Owner(Choice.Agree, area);
            }

            for (var i = 0; i < rest.Length; i++)
            {
                vote.Owner(choices[i], rest[i]);
            }

            return vote.Decide(rules, matter);
        }
    }

    // ---------------------------------------------------------------- 4. tally invariants

    [Fact]
    public void Tally_participating_is_agree_plus_disagree_plus_abstain_and_never_exceeds_the_electorate()
    {
        Gen.Select(Communities, Choices).Sample((community, choices) =>
        {
            var electorate = community.Electorate();
            var tally = VoteCount.Tally(electorate, community.Ballots(choices));

            Assert.Equal(tally.ParticipatingHeadcount, tally.AgreeHeadcount + tally.DisagreeHeadcount + tally.AbstainHeadcount);
            Assert.InRange(tally.ParticipatingHeadcount, 0, tally.ElectorateHeadcount);
            Assert.InRange(tally.ParticipatingAreaHundredths, 0, tally.ElectorateAreaHundredths);
            Assert.InRange(tally.AgreeAreaHundredths, 0, tally.ParticipatingAreaHundredths);
            Assert.InRange(tally.AgreeHeadcount, 0, tally.ParticipatingHeadcount);
            Assert.Equal((electorate.Headcount, electorate.AreaHundredths), (tally.ElectorateHeadcount, tally.ElectorateAreaHundredths));
        }, iter: Iterations);
    }

    [Fact]
    public void The_decision_depends_on_each_voters_last_ballot_and_not_on_the_order_of_ballots()
    {
        // A history of up to 20 ballots, some voters changing their mind; the last one of each voter counts.
        var history = Gen.Select(Gen.Int[0, 8], Gen.Int[1, 3]).Array[0, 20];
        Gen.Select(Communities, history, Matters, Gen.Int).Sample((community, ballots, matter, shuffle) =>
        {
            var electorate = community.Electorate();
            var voters = community.VoterIds;
            var cast = ballots.Select(ballot => (Voter: voters[ballot.Item1 % voters.Count], Choice: (Choice)(ballot.Item2 - 1))).ToList();

            var last = new Dictionary<string, Choice>();
            foreach (var (voter, choice) in cast)
            {
                last[voter] = choice;
            }

            var entries = last.ToArray();
            new Random(shuffle).Shuffle(entries);
            var shuffled = entries.ToDictionary(entry => entry.Key, entry => entry.Value);
            var reversed = last.Reverse().ToDictionary(entry => entry.Key, entry => entry.Value);
            var sorted = new SortedDictionary<string, Choice>(last, StringComparer.Ordinal);

            foreach (var rules in NationalRuleSets)
            {
                var expected = VoteCount.Decide(rules, matter, electorate, last);
                Assert.Equal(expected, VoteCount.Decide(rules, matter, electorate, shuffled));
                Assert.Equal(expected, VoteCount.Decide(rules, matter, electorate, reversed));
                Assert.Equal(expected, VoteCount.Decide(rules, matter, electorate, sorted));
            }
        }, iter: Iterations);
    }

    // ---------------------------------------------------------------- 5. choice of rule set

    private static readonly DateOnly NationalRulesStart = new(2007, 10, 1);
    private static readonly DateOnly CivilCodeStart = new(2021, 1, 1);

    /// <summary>Division codes: some under 3601 (some under 360121), some elsewhere, some sharing the digits 3601 but not as a prefix.</summary>
    private static readonly Gen<string> Localities = Gen.OneOf<string>(
        Gen.Int[0, 99].Select(county => $"3601{county:D2}"),
        Gen.Int[0, 999].Select(town => $"360121{town:D3}"),
        Gen.Int[0, 9_999].Select(rest => $"3601{rest:D4}"),
        Gen.Int[110_000, 659_999].Select(code => code.ToString()),
        Gen.Int[10, 99].Select(prefix => $"{prefix}3601"));

    [Fact]
    public void The_national_rule_set_is_the_2018_regulations_before_2021_and_the_civil_code_from_2021()
    {
        Gen.Select(Localities, Gen.DateOnly[NationalRulesStart, new DateOnly(2099, 12, 31)]).Sample((locality, opened) =>
        {
            var expected = opened < CivilCodeStart ? RuleSetCatalog.PropertyRegulations2018 : RuleSetCatalog.CivilCode2021;
            Assert.Equal(expected.Id, RuleSetCatalog.Default.For(locality, opened).Id);
        }, iter: Iterations);

        Gen.Select(Localities, Gen.DateOnly[new DateOnly(1990, 1, 1), NationalRulesStart.AddDays(-1)]).Sample((locality, opened) =>
            Assert.Throws<InvalidOperationException>(() => RuleSetCatalog.Default.For(locality, opened)), iter: 100);
    }

    [Fact]
    public void A_local_rule_set_wins_over_the_national_ones_where_and_when_it_applies_and_the_more_specific_locality_wins()
    {
        var effective = Gen.DateOnly[new DateOnly(2008, 1, 1), new DateOnly(2035, 12, 31)];
        var opened = Gen.DateOnly[NationalRulesStart, new DateOnly(2040, 12, 31)];
        Gen.Select(effective, effective, Localities, opened).Sample((cityFrom, countyFrom, locality, on) =>
        {
            var city = RuleSetCatalog.CivilCode2021 with { Id = "3601-city", Locality = "3601", EffectiveFrom = cityFrom, EffectiveUntil = null };
            var county = RuleSetCatalog.CivilCode2021 with { Id = "360121-county", Locality = "360121", EffectiveFrom = countyFrom, EffectiveUntil = null };
            var catalog = new RuleSetCatalog([RuleSetCatalog.PropertyRegulations2018, county, RuleSetCatalog.CivilCode2021, city]);

            var expected =
                locality.StartsWith("360121", StringComparison.Ordinal) && on >= countyFrom ? county.Id
                : locality.StartsWith("3601", StringComparison.Ordinal) && on >= cityFrom ? city.Id
                : on < CivilCodeStart ? RuleSetCatalog.PropertyRegulations2018.Id
                : RuleSetCatalog.CivilCode2021.Id;
            Assert.Equal(expected, catalog.For(locality, on).Id);
        }, iter: Iterations);
    }

    [Fact]
    public void Among_rule_sets_of_the_same_locality_the_latest_in_effect_wins()
    {
        var effective = Gen.DateOnly[new DateOnly(2008, 1, 1), new DateOnly(2035, 12, 31)];
        Gen.Select(effective, effective, Gen.DateOnly[NationalRulesStart, new DateOnly(2040, 12, 31)]).Where((first, second, _) => first != second).Sample((first, second, on) =>
        {
            var older = RuleSetCatalog.CivilCode2021 with { Id = "3601-a", Locality = "3601", EffectiveFrom = first, EffectiveUntil = null };
            var newer = RuleSetCatalog.CivilCode2021 with { Id = "3601-b", Locality = "3601", EffectiveFrom = second, EffectiveUntil = null };
            var catalog = new RuleSetCatalog([older, newer, .. NationalRuleSets]);

            var inForce = new[] { older, newer }.Where(set => set.EffectiveFrom <= on).MaxBy(set => set.EffectiveFrom);
            var expected = inForce?.Id ?? (on < CivilCodeStart ? RuleSetCatalog.PropertyRegulations2018.Id : RuleSetCatalog.CivilCode2021.Id);
            Assert.Equal(expected, catalog.For("360121", on).Id);
        }, iter: Iterations);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Splits <paramref name="total"/> into parts of at least <paramref name="minimum"/>, in proportion to the weights, summing exactly.</summary>
    private static long[] Split(long total, int[] weights, long minimum)
    {
        var spare = total - minimum * weights.Length;
        Assert.True(spare >= 0, $"cannot split {total} into {weights.Length} parts of at least {minimum}");
        long sum = weights.Sum(weight => (long)weight), given = 0;
        var parts = new long[weights.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var share = i == parts.Length - 1 ? spare - given : spare * weights[i] / sum;
            given += share;
            parts[i] = minimum + share;
        }

        return parts;
    }

    /// <summary>Owners staying away: <paramref name="count"/> of them holding at most half of the participating area between them.</summary>
    private static long[] Absent(long participatingArea, int count, int share, int[] weights) =>
        count == 0 ? [] : Split(Math.Max(count, participatingArea / 2 * share / 1_000), weights.Take(count).ToArray(), minimum: 1);

    private static VoteResult Decide(long[] agree, long[] against, Choice[] againstChoices, long[] absent, MatterType matter, long[]? oneAgreeingOwnerWithUnits = null)
    {
        var vote = new VoteBuilder();
        foreach (var area in agree)
        {
            vote.Owner(Choice.Agree, area);
        }

        if (oneAgreeingOwnerWithUnits is not null)
        {
            vote.Owner(Choice.Agree, oneAgreeingOwnerWithUnits);
        }

        for (var i = 0; i < against.Length; i++)
        {
            vote.Owner(againstChoices[i], against[i]);
        }

        foreach (var area in absent)
        {
            vote.Owner(null, area);
        }

        return vote.Decide(RuleSetCatalog.CivilCode2021, matter);
    }

    private static decimal SquareMetres(long hundredths) => hundredths / 100m;

    /// <summary>Builds an electorate owner by owner (each with units of the given areas) and their ballots.</summary>
    private sealed class VoteBuilder
    {
        private readonly List<ElectorateUnit> _units = [];
        private readonly Dictionary<string, Choice> _ballots = [];

        public void Owner(Choice? choice, params long[] areas)
        {
            var owner = Guid.NewGuid();
            _units.AddRange(areas.Select(area => new ElectorateUnit(Guid.NewGuid(), SquareMetres(area), owner)));
            if (choice is { } cast)
            {
                _ballots[owner.ToString()] = cast;
            }
        }

        public VoteResult Decide(VotingRuleSet rules, MatterType matter) => VoteCount.Decide(rules, matter, new Electorate(_units), _ballots);
    }

    /// <summary>
    /// A generated community: each owner's unit areas and the developer's unsold unit areas (hundredths of a m²),
    /// with deterministic ids so that a failing case prints and replays the same.
    /// </summary>
    private sealed record Community(int[][] Owners, int[] Developer, int Shuffle)
    {
        /// <summary>The developer is an owner record like any other: its unsold units all name it.</summary>
        public static readonly Guid DeveloperOwnerId = new(1, 2, 0, new byte[8]);

        public static Guid OwnerId(int owner) => new(owner + 1, 0, 0, new byte[8]);

        private static Guid UnitId(int unit) => new(unit + 1, 1, 0, new byte[8]);

        public ElectorateUnit[] Units()
        {
            var units = new List<ElectorateUnit>();
            for (var owner = 0; owner < Owners.Length; owner++)
            {
                foreach (var area in Owners[owner])
                {
                    units.Add(new ElectorateUnit(UnitId(units.Count), SquareMetres(area), OwnerId(owner)));
                }
            }

            for (var unit = 0; unit < Developer.Length; unit++)
            {
                units.Add(new ElectorateUnit(UnitId(units.Count), SquareMetres(Developer[unit]), DeveloperOwnerId));
            }

            var shuffled = units.ToArray();
            new Random(Shuffle).Shuffle(shuffled);
            return shuffled;
        }

        public Electorate Electorate() => new(Units());

        /// <summary>Voter ids in a fixed order: the owners, then the developer if it has unsold units.</summary>
        public IReadOnlyList<string> VoterIds =>
            [.. Enumerable.Range(0, Owners.Length).Select(owner => OwnerId(owner).ToString()), .. Developer.Length > 0 ? [DeveloperOwnerId.ToString()] : Array.Empty<string>()];

        public long AreaOf(string voterId) =>
            voterId == DeveloperOwnerId.ToString()
                ? Developer.Sum(area => (long)area)
                : Owners[VoterIds.ToList().IndexOf(voterId)].Sum(area => (long)area);

        /// <summary>The last ballots: choice i (0 none, 1 Agree, 2 Disagree, 3 Abstain) for voter i.</summary>
        public Dictionary<string, Choice> Ballots(int[] choices) =>
            VoterIds.Select((voter, i) => (voter, choice: choices[i]))
                .Where(ballot => ballot.choice != 0)
                .ToDictionary(ballot => ballot.voter, ballot => (Choice)(ballot.choice - 1));

        public override string ToString() =>
            $"owners [{string.Join("; ", Owners.Select(units => string.Join(" + ", units.Select(area => SquareMetres(area)))))}], developer [{string.Join(" + ", Developer.Select(area => SquareMetres(area)))}], shuffle {Shuffle}";
    }
}
