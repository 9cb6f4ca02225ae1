using Platform.BuildingBlocks.Time;

namespace Platform.TestKit;

/// <summary>
/// The county's dates as the services see them on real time (China Standard Time): a test that sends or expects "today"
/// uses these, never a UTC date, or it fails between 16:00 and 24:00 UTC.
/// </summary>
public static class CountyCalendar
{
    public static readonly BusinessCalendar RealTime = new(TimeProvider.System, BusinessCalendar.ChinaStandardTime);

    public static DateOnly Today => RealTime.Today;

    public static DateOnly DateOf(DateTimeOffset instant) => RealTime.DateOf(instant);

    /// <summary>00:30 Beijing time on the first day of the quarter after <paramref name="now"/>'s: the night a UTC calendar gets wrong.</summary>
    public static DateTimeOffset HalfPastMidnightOfNextQuarter(DateTimeOffset now)
    {
        var today = DateOf(now);
        var firstMonth = ((today.Month - 1) / 3 * 3) + 1;
        var next = new DateOnly(today.Year, firstMonth, 1).AddMonths(3);
        return RealTime.StartOf(next).AddMinutes(30);
    }
}
