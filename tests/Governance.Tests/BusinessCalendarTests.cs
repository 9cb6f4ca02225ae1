using System.Globalization;
using Microsoft.Extensions.Configuration;
using Platform.BuildingBlocks.Time;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>The business calendar every service takes its dates from (pure logic, no host).</summary>
public sealed class BusinessCalendarTests
{
    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static BusinessCalendar At(string instant, string? zone = null)
    {
        var clock = new TestClock();
        clock.SetTo(Instant(instant));
        var settings = new Dictionary<string, string?> { [BusinessCalendar.TimeZoneSetting] = zone };
        return BusinessCalendar.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), clock);
    }

    [Fact]
    public void At_half_past_midnight_Beijing_time_on_the_first_of_April_it_is_the_first_of_April_and_the_second_quarter()
    {
        var calendar = At("2027-03-31T16:30:00Z");

        Assert.Equal(new DateOnly(2027, 4, 1), calendar.Today);
        Assert.Equal("2027-04", calendar.Month.ToString());
    }

    [Fact]
    public void An_instant_written_with_any_offset_falls_on_the_countys_date()
    {
        var calendar = At("2027-01-01T00:00:00Z");

        Assert.Equal(new DateOnly(2026, 12, 31), calendar.DateOf(Instant("2026-12-31T23:59:59+08:00")));
        Assert.Equal(new DateOnly(2027, 1, 1), calendar.DateOf(Instant("2026-12-31T16:00:00Z")));
        Assert.Equal(Instant("2026-12-31T16:00:00Z"), calendar.StartOf(new DateOnly(2027, 1, 1)));
    }

    [Theory]
    [InlineData(null, 8)]
    [InlineData("+08:00", 8)]
    [InlineData("-05:00", -5)]
    [InlineData("Asia/Shanghai", 8)]
    public void The_zone_is_an_offset_or_a_zone_id_and_China_Standard_Time_by_default(string? setting, int hours)
    {
        var zone = BusinessCalendar.ZoneFrom(setting);

        Assert.Equal(TimeSpan.FromHours(hours), zone.GetUtcOffset(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void A_zone_that_does_not_exist_is_refused_rather_than_read_as_UTC()
    {
        Assert.ThrowsAny<TimeZoneNotFoundException>(() => BusinessCalendar.ZoneFrom("Mars/Olympus"));
    }
}
