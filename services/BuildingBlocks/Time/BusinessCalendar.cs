using Microsoft.Extensions.Configuration;
using Platform.Contracts.Kernel.Periods;

namespace Platform.BuildingBlocks.Time;

/// <summary>
/// The county's business calendar: "today", the month and the quarter are dates in the county's zone (China Standard
/// Time, UTC+8, unless "BusinessCalendar:TimeZone" names another), never UTC dates. Every service takes its dates here.
/// </summary>
public sealed class BusinessCalendar(TimeProvider time, TimeZoneInfo zone)
{
    public const string TimeZoneSetting = "BusinessCalendar:TimeZone";

    /// <summary>China has kept UTC+8 all year since 1991; a fixed offset needs no time-zone database in the image.</summary>
    public static readonly TimeZoneInfo ChinaStandardTime =
        TimeZoneInfo.CreateCustomTimeZone("UTC+08:00", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");

    public TimeZoneInfo Zone { get; } = zone;

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => DateOf(time.GetUtcNow());

    public BillingPeriod Month => BillingPeriod.Of(Today);

    /// <summary>The county's date at <paramref name="instant"/>, whatever offset the instant was written with.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The instant the county's day <paramref name="day"/> begins.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>
    /// The zone from configuration: an offset ("+08:00") or a zone id ("Asia/Shanghai"); absent, China Standard Time.
    /// </summary>
    public static BusinessCalendar From(IConfiguration configuration, TimeProvider time) =>
        new(time, ZoneFrom(configuration[TimeZoneSetting]));

    public static TimeZoneInfo ZoneFrom(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return ChinaStandardTime;
        }

        if (setting[0] is '+' or '-' && TimeSpan.TryParse(setting.TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture, out var offset))
        {
            return TimeZoneInfo.CreateCustomTimeZone($"UTC{setting}", offset, $"UTC{setting}", $"UTC{setting}");
        }

        return TimeZoneInfo.FindSystemTimeZoneById(setting);
    }
}
