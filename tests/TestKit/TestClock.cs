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

    public DateOnly Today => DateOnly.FromDateTime(GetUtcNow().UtcDateTime);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
