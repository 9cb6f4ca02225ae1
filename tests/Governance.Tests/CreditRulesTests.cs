using Platform.Governance.Domain.Credit;
using Platform.Governance.Domain.Problems;

namespace Platform.Governance.Tests;

/// <summary>The credit scheme as pure code: score, grade edges, which records count, the blacklist cap; the problem list's overdue rule and its single charge.</summary>
public sealed class CreditRulesTests
{
    private static readonly CreditRules Rules = CreditRuleCatalog.County2025;
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static CreditEntry Good(int points, DateOnly? on = null) => new(CreditKind.Good, points, on ?? Today);

    private static CreditEntry Bad(int points, DateOnly? on = null) => new(CreditKind.Bad, points, on ?? Today);

    [Fact]
    public void A_company_without_records_scores_the_base_and_is_rated_A()
    {
        var rating = Rules.Rate([], Today, blacklisted: false);

        Assert.Equal(100, rating.Score);
        Assert.Equal(CreditGrade.A, rating.Grade);
    }

    [Theory]
    [InlineData(20, 0, 120, CreditGrade.AAA)]
    [InlineData(19, 0, 119, CreditGrade.AA)]
    [InlineData(10, 0, 110, CreditGrade.AA)]
    [InlineData(9, 0, 109, CreditGrade.A)]
    [InlineData(0, 5, 95, CreditGrade.A)]
    [InlineData(0, 6, 94, CreditGrade.B)]
    [InlineData(0, 20, 80, CreditGrade.B)]
    [InlineData(0, 21, 79, CreditGrade.C)]
    [InlineData(10, 30, 80, CreditGrade.B)]
    public void Score_is_base_plus_good_minus_bad_and_each_threshold_includes_its_own_score(int good, int bad, int score, CreditGrade grade)
    {
        var entries = new List<CreditEntry>();
        if (good > 0)
        {
            entries.Add(Good(good));
        }

        if (bad > 0)
        {
            entries.Add(Bad(bad));
        }

        var rating = Rules.Rate(entries, Today, blacklisted: false);

        Assert.Equal(score, rating.Score);
        Assert.Equal(grade, rating.Grade);
        Assert.Equal(good, rating.GoodPoints);
        Assert.Equal(bad, rating.BadPoints);
    }

    [Fact]
    public void Records_count_for_three_years_and_not_before_their_day()
    {
        var entries = new[]
        {
            Bad(10, Today.AddYears(-3)),            // expired today
            Bad(7, Today.AddYears(-3).AddDays(1)),  // last day in force
            Good(4, Today.AddDays(1)),              // not yet in force
        };

        var rating = Rules.Rate(entries, Today, blacklisted: false);

        Assert.Equal(93, rating.Score);
    }

    [Fact]
    public void A_blacklisted_company_is_rated_C_whatever_its_score()
    {
        var rating = Rules.Rate([Good(25)], Today, blacklisted: true);

        Assert.Equal(125, rating.Score);
        Assert.Equal(CreditGrade.C, rating.Grade);
        Assert.True(rating.Blacklisted);
    }

    [Fact]
    public void Grade_thresholds_are_data_a_stricter_scheme_rates_the_same_score_lower()
    {
        var strict = Rules with { Id = "strict", Grades = [new(CreditGrade.AAA, 130), new(CreditGrade.AA, 120), new(CreditGrade.A, 105), new(CreditGrade.B, 90)] };

        Assert.Equal(CreditGrade.B, strict.Rate([], Today, false).Grade);
        Assert.Equal(CreditGrade.A, Rules.Rate([], Today, false).Grade);
    }

    [Fact]
    public void The_catalog_picks_the_scheme_in_force_on_the_day()
    {
        var later = Rules with { Id = "county-credit-2027", EffectiveFrom = new DateOnly(2027, 1, 1), BaseScore = 90 };
        var catalog = new CreditRuleCatalog([Rules, later]);

        Assert.Equal(Rules.Id, catalog.For(new DateOnly(2026, 12, 31)).Id);
        Assert.Equal(later.Id, catalog.For(new DateOnly(2027, 1, 1)).Id);
    }

    [Fact]
    public void Blacklist_entry_applies_from_its_first_day_up_to_but_not_including_its_end()
    {
        var entry = new BlacklistEntry(Guid.NewGuid(), Guid.NewGuid(), null, Contracts.Events.BlacklistReason.RefusedRectification, "拒不整改",
            Today, Today.AddDays(10), "housing", "test", DateTimeOffset.UtcNow);

        Assert.False(entry.IsActiveOn(Today.AddDays(-1)));
        Assert.True(entry.IsActiveOn(Today));
        Assert.True(entry.IsActiveOn(Today.AddDays(9)));
        Assert.False(entry.IsActiveOn(Today.AddDays(10)));
    }

    private static CampaignProblem Problem(DateOnly deadline, Guid? company = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), ProblemCategory.FireSafety, "消防通道被占用", ResponsibleParty.PropertyCompany,
            company ?? Guid.NewGuid(), "某物业", deadline.AddDays(-30), deadline, "test", DateTimeOffset.UtcNow);

    private static ProblemFix Fix(CampaignProblem problem, DateOnly reportedOn) =>
        new(Guid.NewGuid(), problem.Id, "已清理", reportedOn, "property-company", "test",
            new DateTimeOffset(reportedOn.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)), reportedOn);

    private static bool OverdueInQuery(CampaignProblem problem, DateOnly today) => CampaignProblem.OverdueOn(today).Compile()(problem);

    [Fact]
    public void A_problem_is_overdue_the_day_after_its_deadline_without_a_fix()
    {
        var problem = Problem(Today);

        Assert.False(problem.IsOverdueOn(Today));
        Assert.True(problem.IsOverdueOn(Today.AddDays(1)));
        Assert.Equal(problem.IsOverdueOn(Today.AddDays(1)), OverdueInQuery(problem, Today.AddDays(1)));
    }

    [Fact]
    public void A_fix_reported_by_the_deadline_keeps_a_problem_from_being_overdue_until_it_is_rejected()
    {
        var problem = Problem(Today);
        problem.ReportFix(Fix(problem, Today));

        Assert.False(problem.IsOverdueOn(Today.AddDays(5)));
        Assert.False(OverdueInQuery(problem, Today.AddDays(5)));

        problem.RejectFix("整改不到位");

        Assert.Equal(ProblemStatus.Open, problem.Status);
        Assert.True(problem.IsOverdueOn(Today.AddDays(5)));
        Assert.True(OverdueInQuery(problem, Today.AddDays(5)));
    }

    [Fact]
    public void A_fix_reported_after_the_deadline_does_not_undo_the_overdue()
    {
        var problem = Problem(Today);
        problem.ReportFix(Fix(problem, Today.AddDays(2)));

        Assert.True(problem.IsOverdueOn(Today.AddDays(3)));
        Assert.True(OverdueInQuery(problem, Today.AddDays(3)));

        problem.Close("township", null, DateTimeOffset.UtcNow);

        Assert.False(problem.IsOverdueOn(Today.AddDays(3)));
        Assert.False(OverdueInQuery(problem, Today.AddDays(3)));
    }

    [Fact]
    public void A_problem_charges_its_company_once_with_the_rules_points_whether_overdue_or_refused_comes_first()
    {
        var company = Guid.NewGuid();
        var problem = Problem(Today, company);
        var now = DateTimeOffset.UtcNow;

        var overdue = problem.Penalise(Rules, PenaltyCause.Overdue, "platform-service", "system", now, Today);
        problem.MarkRefused("township", "拒不整改", now);
        var refused = problem.Penalise(Rules, PenaltyCause.Refused, "township", "township", now, Today);

        Assert.NotNull(overdue);
        Assert.Equal((CreditKind.Bad, Rules.ProblemOverduePoints, company, problem.Id), (overdue.Kind, overdue.Points, overdue.CompanyId, overdue.ProblemId!.Value));
        Assert.Null(refused);
        Assert.Equal(overdue.Id, problem.PenaltyRecordId);
    }

    [Fact]
    public void A_problem_another_party_must_fix_charges_no_company()
    {
        var problem = new CampaignProblem(Guid.NewGuid(), Guid.NewGuid(), ProblemCategory.IllegalConstruction, "违建", ResponsibleParty.Other,
            null, "3 栋 101 业主", Today.AddDays(-30), Today, "test", DateTimeOffset.UtcNow);

        Assert.Null(problem.Penalise(Rules, PenaltyCause.Refused, "township", "t", DateTimeOffset.UtcNow, Today));
    }
}
