namespace Platform.Governance.Domain.Credit;

/// <summary>信用等级 of a property company or project manager, best first.</summary>
public enum CreditGrade
{
    AAA,
    AA,
    A,
    B,
    C,
}

/// <summary>A good record (加分) adds its points to the score; a bad one (减分) takes them off.</summary>
public enum CreditKind
{
    Good,
    Bad,
}
