namespace Platform.Identity.Tests;

/// <summary>
/// Real time plus an offset a test may move (a code's expiry, a rate-limit window). Unlike a frozen
/// clock it keeps running, so tokens the identity host issues stay valid for the other hosts, which
/// keep real time.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
