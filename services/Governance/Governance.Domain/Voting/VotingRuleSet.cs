namespace Platform.Governance.Domain.Voting;

/// <summary>What a matter needs to pass: shares of area and of headcount, both to be met.</summary>
public sealed record PassRule(Threshold Area, Threshold Headcount);

/// <summary>
/// A versioned rule set: where and from when it applies, the quorum, what each matter needs, and the notice and
/// voting window it allows. A vote is decided by the rule set in force where and when its proposal was created,
/// and the result names it.
/// </summary>
public sealed record VotingRuleSet(
    string Id,
    string Locality,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveUntil,
    Threshold QuorumArea,
    Threshold QuorumHeadcount,
    IReadOnlyDictionary<MatterType, PassRule> Pass,
    WindowRules Window,
    string Source)
{
    public bool AppliesTo(string locality, DateOnly created) =>
        (Locality == RuleSetCatalog.National || locality.StartsWith(Locality, StringComparison.Ordinal))
        && EffectiveFrom <= created
        && (EffectiveUntil is null || created < EffectiveUntil);
}
