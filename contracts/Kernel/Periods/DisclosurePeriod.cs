using System.Globalization;

namespace Platform.Contracts.Kernel.Periods;

/// <summary>
/// The months a disclosure (公示) covers: a calendar quarter, written "yyyy-Qn", or on demand any run of up to
/// twelve billing months, written "yyyy-MM..yyyy-MM".
/// </summary>
public readonly record struct DisclosurePeriod(BillingPeriod From, BillingPeriod To, bool IsQuarter)
{
    public const int MaxMonths = 12;

    public static bool TryParseQuarter(string? text, out DisclosurePeriod period)
    {
        period = default;
        if (text is not { Length: 7 } || text[4] != '-' || text[5] is not ('Q' or 'q')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || text[6] is < '1' or > '4' || year is < 2000 or > 2100)
        {
            return false;
        }

        period = Quarter(year, text[6] - '0');
        return true;
    }

    public static DisclosurePeriod Quarter(int year, int quarter) =>
        new(new BillingPeriod(year, (quarter * 3) - 2), new BillingPeriod(year, quarter * 3), true);

    /// <summary>The quarter a month falls in.</summary>
    public static DisclosurePeriod QuarterOf(BillingPeriod month) => Quarter(month.Year, ((month.Month - 1) / 3) + 1);

    /// <summary>A run of months on demand, or null when it runs backwards or is longer than <see cref="MaxMonths"/>.</summary>
    public static DisclosurePeriod? Range(BillingPeriod from, BillingPeriod to) =>
        to.CompareTo(from) < 0 || to.CompareTo(from.AddMonths(MaxMonths - 1)) > 0 ? null : new DisclosurePeriod(from, to, false);

    /// <summary>
    /// The latest quarter whose disclosure is due on <paramref name="today"/>: it ended more than
    /// <paramref name="daysToPublish"/> days ago.
    /// </summary>
    public static DisclosurePeriod LastDueQuarter(DateOnly today, int daysToPublish)
    {
        var quarter = QuarterOf(BillingPeriod.Of(today)).Previous();
        return quarter.DueBy(daysToPublish) < today ? quarter : quarter.Previous();
    }

    /// <summary>
    /// Reads what a request names — a quarter, or a range of months from and to, not both — or says which field is wrong
    /// and why (a message key: quarter_or_range, quarter_format, required, period_format, disclosure_range).
    /// </summary>
    public static bool TryRead(string? quarter, string? from, string? to, out DisclosurePeriod period, out (string Field, string Key)? error)
    {
        period = default;
        error = (quarter, from, to) switch
        {
            ({ }, not null, _) or ({ }, _, not null) => ("quarter", "error.quarter_or_range"),
            ({ } q, null, null) when !TryParseQuarter(q, out period) => ("quarter", "error.quarter_format"),
            ({ }, null, null) => null,
            (null, null, null) => ("quarter", "error.required"),
            _ when !BillingPeriod.TryParse(from, out _) => ("from", "error.period_format"),
            _ when !BillingPeriod.TryParse(to, out _) => ("to", "error.period_format"),
            _ when Range(BillingPeriod.Parse(from!), BillingPeriod.Parse(to!)) is null => ("to", "error.disclosure_range"),
            _ => null,
        };
        if (error is null && quarter is null)
        {
            period = Range(BillingPeriod.Parse(from!), BillingPeriod.Parse(to!))!.Value;
        }

        return error is null;
    }

    public DisclosurePeriod Previous() => QuarterOf(From.AddMonths(-3));

    public DateOnly LastDay => To.LastDay;

    /// <summary>The last day on which a quarterly disclosure is on time.</summary>
    public DateOnly DueBy(int daysToPublish) => LastDay.AddDays(daysToPublish);

    public IEnumerable<BillingPeriod> Months()
    {
        for (var month = From; month.CompareTo(To) <= 0; month = month.AddMonths(1))
        {
            yield return month;
        }
    }

    public override string ToString() => IsQuarter ? $"{From.Year:0000}-Q{((From.Month - 1) / 3) + 1}" : $"{From}..{To}";
}
