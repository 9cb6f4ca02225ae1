namespace Platform.TestKit;

/// <summary>
/// Real time plus an offset a test may move (a code's expiry, a rate-limit window, deadlines passing). Unlike a
/// frozen clock it keeps running, so timers still fire and tokens one host issues stay valid for hosts on real time.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    /// <summary>The county's date on this clock (China Standard Time, as the services' business calendar).</summary>
    public DateOnly Today => CountyCalendar.DateOf(GetUtcNow());

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Moves the clock to <paramref name="instant"/> (from where it keeps running).</summary>
    public void SetTo(DateTimeOffset instant) => Interlocked.Exchange(ref _offsetTicks, (instant - base.GetUtcNow()).Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
