namespace Platform.Gateway.RateLimiting;

/// <summary>
/// While Redis is down every request passes unlimited (design.md rule 6: Redis down costs protection and speed, never
/// availability). Operators hear about it once a minute, not once per request.
/// </summary>
public sealed class RedisOutageLog(ILogger<RedisOutageLog> logger, TimeProvider clock)
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    private long _nextWarningTicks = long.MinValue;

    public void Report(Exception? exception)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextWarningTicks);
        if (now < next || Interlocked.CompareExchange(ref _nextWarningTicks, now + Every.Ticks, next) != next)
        {
            return;
        }

        logger.LogWarning(
            "Redis is unreachable ({Reason}); rate limits are not enforced until it answers again (next warning in {Minutes} min at most)",
            exception?.GetType().Name ?? "not connected", Every.TotalMinutes);
    }
}
