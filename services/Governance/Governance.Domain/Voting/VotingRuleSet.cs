namespace Platform.Governance.Domain.Voting;

/// <summary>What a matter needs to pass: shares of area and of headcount, both to be met.</summary>
public sealed record PassRule(Threshold Area, Threshold Headcount);

/// <summary>
/// A versioned rule set: where and from when it applies, the quorum, and what each matter needs.
/// A vote is decided by the rule set in force where and when it opened, and the result names it.
/// </summary>
public sealed record VotingRuleSet(
    string Id,
    string Locality,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveUntil,
    Threshold QuorumArea,
    Threshold QuorumHeadcount,
    IReadOnlyDictionary<MatterType, PassRule> Pass,
    string Source)
{
    public bool AppliesTo(string locality, DateOnly opened) =>
        (Locality == RuleSetCatalog.National || locality.StartsWith(Locality, StringComparison.Ordinal))
        && EffectiveFrom <= opened
        && (EffectiveUntil is null || opened < EffectiveUntil);
}
