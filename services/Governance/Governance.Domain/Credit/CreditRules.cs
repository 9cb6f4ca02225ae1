namespace Platform.Governance.Domain.Credit;

/// <summary>The lowest score that earns a grade.</summary>
public sealed record GradeThreshold(CreditGrade Grade, int MinScore);

/// <summary>One record as the rules see it: good or bad, its points and the day it counts from.</summary>
public readonly record struct CreditEntry(CreditKind Kind, int Points, DateOnly RecordedOn);

/// <summary>A score, its grade and what made it, on one day under one rule set.</summary>
public sealed record CreditRating(string RuleSetId, DateOnly AsOf, int Score, CreditGrade Grade, int GoodPoints, int BadPoints, bool Blacklisted);

/// <summary>
/// A versioned credit scheme (信用评价办法): score = base + good points − bad points of the records still
/// in force; grades by thresholds; the points the problem list charges automatically. Thresholds are data.
/// </summary>
public sealed record CreditRules(
    string Id,
    DateOnly EffectiveFrom,
    int BaseScore,
    IReadOnlyList<GradeThreshold> Grades,
    CreditGrade WorstGrade,
    int MaxPointsPerRecord,
    int RecordValidityYears,
    int ProblemOverduePoints,
    int FixRefusedPoints,
    CreditGrade? BlacklistedGrade,
    string Source)
{
    /// <summary>The best grade whose threshold the score reaches; below every threshold, the worst grade.</summary>
    public CreditGrade GradeOf(int score) =>
        Grades.OrderByDescending(threshold => threshold.MinScore).FirstOrDefault(threshold => score >= threshold.MinScore)?.Grade ?? WorstGrade;

    /// <summary>A record counts from its day for <see cref="RecordValidityYears"/> years; later ones (not yet in force) do not count.</summary>
    public bool Counts(CreditEntry entry, DateOnly asOf) =>
        entry.RecordedOn <= asOf && entry.RecordedOn > asOf.AddYears(-RecordValidityYears);

    public CreditRating Rate(IEnumerable<CreditEntry> entries, DateOnly asOf, bool blacklisted)
    {
        var counted = entries.Where(entry => Counts(entry, asOf)).ToList();
        var good = counted.Where(entry => entry.Kind == CreditKind.Good).Sum(entry => entry.Points);
        var bad = counted.Where(entry => entry.Kind == CreditKind.Bad).Sum(entry => entry.Points);
        var score = BaseScore + good - bad;
        // A blacklisted company is rated no better than the scheme's blacklist grade, whatever its score.
        var grade = GradeOf(score);
        if (blacklisted && BlacklistedGrade is { } capped && grade < capped)
        {
            grade = capped;
        }

        return new CreditRating(Id, asOf, score, grade, good, bad, blacklisted);
    }
}
