using Platform.Contracts.Kernel.Periods;

namespace Platform.Fees.Domain.Standards;

/// <summary>Why a fee standard may not take effect from the month asked.</summary>
public enum StandardTimingRefusal
{
    None,

    /// <summary>Bills for that month or a later one are out: a company may not re-price what it has billed.</summary>
    MonthBilled,

    /// <summary>The housing bureau records a standard into a billed month only with a reason.</summary>
    ReasonRequired,
}

/// <summary>
/// A community's fee standard takes effect from a month not yet billed. Only the housing bureau may record one into
/// a billed month (re-pricing issued bills through adjustments), and only with a reason that stays with the standard.
/// </summary>
public static class StandardTiming
{
    public static StandardTimingRefusal Check(
        BillingPeriod effectiveFrom, BillingPeriod? lastBilled, bool byHousingBureau, string? reason) =>
        lastBilled is not { } billed || effectiveFrom.CompareTo(billed) > 0 ? StandardTimingRefusal.None
        : !byHousingBureau ? StandardTimingRefusal.MonthBilled
        : string.IsNullOrWhiteSpace(reason) ? StandardTimingRefusal.ReasonRequired
        : StandardTimingRefusal.None;
}
