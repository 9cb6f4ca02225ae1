namespace Platform.Governance.Domain.Voting;

/// <summary>
/// The rule sets the platform knows, and the choice among them: the most specific locality that
/// applies, then the latest effective date. Rule sets are data; these two are the national ones.
/// </summary>
public sealed class RuleSetCatalog(IEnumerable<VotingRuleSet> ruleSets)
{
    public const string National = "CN";

    /// <summary>
    /// The national notice and window. Property Management Regulations art. 14: owners are told of an assembly meeting
    /// 15 days before it. The 7-day minimum and 90-day maximum window are platform defaults (no national law fixes them).
    /// </summary>
    public static readonly WindowRules NationalWindow = new(
        TimeSpan.FromDays(15),
        TimeSpan.FromDays(7),
        TimeSpan.FromDays(90),
        "物业管理条例第十四条（会议召开15日以前通知全体业主）；表决期最短7日、最长90日为平台默认");

    private static readonly MatterType[] Special = [MatterType.RaiseMaintenanceFunds, MatterType.RebuildOrReconstruct, MatterType.ChangeUseOfCommonParts];

    /// <summary>Civil Code art. 278 (from 2021-01-01): quorum two thirds of area and owners; matters 6–8 three quarters of the participating, others more than half.</summary>
    public static readonly VotingRuleSet CivilCode2021 = new(
        "cn-civil-code-2021",
        National,
        new DateOnly(2021, 1, 1),
        null,
        Threshold.AtLeast(2, 3, ThresholdBase.Electorate),
        Threshold.AtLeast(2, 3, ThresholdBase.Electorate),
        Enum.GetValues<MatterType>().ToDictionary(
            matter => matter,
            matter => Special.Contains(matter)
                ? new PassRule(Threshold.AtLeast(3, 4, ThresholdBase.Participating), Threshold.AtLeast(3, 4, ThresholdBase.Participating))
                : new PassRule(Threshold.MoreThan(1, 2, ThresholdBase.Participating), Threshold.MoreThan(1, 2, ThresholdBase.Participating))),
        NationalWindow,
        "民法典第二百七十八条");

    /// <summary>
    /// Before 2021 (Property Management Regulations art. 12, Property Law art. 76): raising or using the
    /// maintenance fund and rebuilding need two thirds of all owners' area and of all owners; other
    /// matters more than half of all. No separate quorum: the shares are of the whole electorate.
    /// </summary>
    public static readonly VotingRuleSet PropertyRegulations2018 = new(
        "cn-property-regulations-2018",
        National,
        new DateOnly(2007, 10, 1),
        new DateOnly(2021, 1, 1),
        Threshold.None,
        Threshold.None,
        Enum.GetValues<MatterType>().ToDictionary(
            matter => matter,
            matter => matter is MatterType.UseMaintenanceFunds or MatterType.RaiseMaintenanceFunds or MatterType.RebuildOrReconstruct
                ? new PassRule(Threshold.AtLeast(2, 3, ThresholdBase.Electorate), Threshold.AtLeast(2, 3, ThresholdBase.Electorate))
                : new PassRule(Threshold.MoreThan(1, 2, ThresholdBase.Electorate), Threshold.MoreThan(1, 2, ThresholdBase.Electorate))),
        NationalWindow,
        "物业管理条例第十二条（2018）");

    public static RuleSetCatalog Default { get; } = new([CivilCode2021, PropertyRegulations2018]);

    private readonly IReadOnlyList<VotingRuleSet> _ruleSets = ruleSets.ToList();

    /// <summary>The rule set a proposal recorded when it was created.</summary>
    public VotingRuleSet ById(string id) =>
        _ruleSets.FirstOrDefault(ruleSet => ruleSet.Id == id) ?? throw new InvalidOperationException($"Unknown voting rule set {id}.");

    /// <summary>
    /// The rule set for a proposal created on <paramref name="created"/> in <paramref name="locality"/> (a division code,
    /// e.g. 360121): the day it is put to the owners, never a date the caller chooses.
    /// </summary>
    public VotingRuleSet For(string locality, DateOnly created) =>
        _ruleSets.Where(ruleSet => ruleSet.AppliesTo(locality, created))
            .OrderByDescending(ruleSet => ruleSet.Locality == National ? 0 : ruleSet.Locality.Length)
            .ThenByDescending(ruleSet => ruleSet.EffectiveFrom)
            .FirstOrDefault()
        ?? throw new InvalidOperationException($"No voting rule set applies in {locality} on {created:yyyy-MM-dd}.");
}
