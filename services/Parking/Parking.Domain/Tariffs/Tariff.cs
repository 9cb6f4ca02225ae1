namespace Platform.Parking.Domain.Tariffs;

/// <summary>
/// A lot's temporary-parking tariff (data, set per lot within the community's price caps). A stay no longer than
/// <see cref="FreeMinutes"/> is free; a longer one is charged from its start, each begun hour at
/// <see cref="FenPerHour"/>, and each 24 hours counted from entry at most <see cref="DailyCapFen"/>.
/// </summary>
public sealed record Tariff(int FreeMinutes, long FenPerHour, long DailyCapFen)
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    /// <summary>The fee for a stay from <paramref name="entry"/> to <paramref name="exit"/> (exit not before entry).</summary>
    public long Fee(DateTimeOffset entry, DateTimeOffset exit)
    {
        if (exit < entry)
        {
            throw new ArgumentException("The exit is before the entry.", nameof(exit));
        }

        var stay = exit - entry;
        if (stay <= TimeSpan.FromMinutes(FreeMinutes))
        {
            return 0;
        }

        var fullDays = stay.Ticks / Day.Ticks;
        var rest = stay - TimeSpan.FromTicks(fullDays * Day.Ticks);
        var fee = fullDays * Math.Min(24 * FenPerHour, DailyCapFen);
        if (rest > TimeSpan.Zero)
        {
            var begunHours = (rest.Ticks + TimeSpan.TicksPerHour - 1) / TimeSpan.TicksPerHour;
            fee += Math.Min(begunHours * FenPerHour, DailyCapFen);
        }

        return fee;
    }
}
