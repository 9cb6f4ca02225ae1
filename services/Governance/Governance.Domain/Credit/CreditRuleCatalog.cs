namespace Platform.Governance.Domain.Credit;

/// <summary>The credit schemes the platform knows; a rating uses the one in force on its day.</summary>
public sealed class CreditRuleCatalog(IEnumerable<CreditRules> schemes)
{
    /// <summary>The county's scheme for the campaign: base 100; AAA ≥ 120, AA ≥ 110, A ≥ 95, B ≥ 80, else C; records count for three years.</summary>
    public static readonly CreditRules County2025 = new(
        "county-credit-2025",
        new DateOnly(2025, 1, 1),
        BaseScore: 100,
        Grades: [new(CreditGrade.AAA, 120), new(CreditGrade.AA, 110), new(CreditGrade.A, 95), new(CreditGrade.B, 80)],
        WorstGrade: CreditGrade.C,
        MaxPointsPerRecord: 30,
        RecordValidityYears: 3,
        ProblemOverduePoints: 5,
        FixRefusedPoints: 10,
        BlacklistedGrade: CreditGrade.C,
        Source: "县物业服务企业信用评价办法（物业服务提升行动）");

    public static CreditRuleCatalog Default { get; } = new([County2025]);

    private readonly IReadOnlyList<CreditRules> _schemes = schemes.OrderBy(scheme => scheme.EffectiveFrom).ToList();

    /// <summary>The latest scheme in force on <paramref name="day"/>; before the first one, the first one.</summary>
    public CreditRules For(DateOnly day) =>
        _schemes.LastOrDefault(scheme => scheme.EffectiveFrom <= day) ?? _schemes[0];
}
