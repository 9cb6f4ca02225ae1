using System.Globalization;

namespace Platform.Contracts.Kernel.Periods;

/// <summary>A month, written "yyyy-MM" (e.g. 2026-11), as every service writes periods (design.md "Data conventions").</summary>
public readonly record struct BillingPeriod(int Year, int Month) : IComparable<BillingPeriod>
{
    public static bool TryParse(string? text, out BillingPeriod period)
    {
        period = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year is < 2000 or > 2100 || month is < 1 or > 12)
        {
            return false;
        }

        period = new BillingPeriod(year, month);
        return true;
    }

    public static BillingPeriod Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException($"A billing period is yyyy-MM, not {text}.");

    public static BillingPeriod Of(DateOnly day) => new(day.Year, day.Month);

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public BillingPeriod AddMonths(int months) => Of(FirstDay.AddMonths(months));

    public int CompareTo(BillingPeriod other) => (Year, Month).CompareTo((other.Year, other.Month));

    public override string ToString() => $"{Year:0000}-{Month:00}";
}
