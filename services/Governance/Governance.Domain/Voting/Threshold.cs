namespace Platform.Governance.Domain.Voting;

/// <summary>Whose total a share is taken of: the owners taking part, or the whole electorate.</summary>
public enum ThresholdBase
{
    Participating,
    Electorate,
}

/// <summary>
/// A share to reach, compared exactly (integers, never floating point). Civil Code art. 1259:
/// "以上" (or more) includes the number itself, "超过/过半数" (more than) does not.
/// </summary>
public sealed record Threshold(long Numerator, long Denominator, bool Inclusive, ThresholdBase Base)
{
    public static readonly Threshold None = new(0, 1, true, ThresholdBase.Electorate);

    public static Threshold AtLeast(long numerator, long denominator, ThresholdBase of) => new(numerator, denominator, true, of);

    public static Threshold MoreThan(long numerator, long denominator, ThresholdBase of) => new(numerator, denominator, false, of);

    /// <summary>Whether <paramref name="part"/> of <paramref name="whole"/> reaches the share: part/whole ≥ n/d (or &gt;).</summary>
    public bool IsMetBy(long part, long whole)
    {
        if (whole <= 0)
        {
            return false;
        }

        var left = (Int128)part * Denominator;
        var right = (Int128)whole * Numerator;
        return Inclusive ? left >= right : left > right;
    }

    public override string ToString() => this == None ? "none" : $"{(Inclusive ? "≥" : ">")} {Numerator}/{Denominator} of {(Base == ThresholdBase.Participating ? "participating" : "all")}";
}
