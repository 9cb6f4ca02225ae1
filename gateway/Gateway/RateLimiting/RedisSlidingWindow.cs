using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Platform.Gateway.RateLimiting;

/// <summary>What the window said about one request.</summary>
public sealed record WindowDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static readonly WindowDecision Allow = new(true, TimeSpan.Zero);
}

/// <summary>
/// A sliding-window counter per caller in Redis, shared by every gateway replica: the count of this minute plus the
/// previous minute's count weighted by how much of it still lies inside the last 60 s. One Lua script per request reads
/// both counters and, only when under the limit, counts the request (INCR + PEXPIRE), so refused requests do not
/// lengthen the wait and replicas never race. Failures counted after the fact (failed client authentication) use the
/// same counters in two steps: <see cref="PeekAsync"/> before the request, <see cref="CountAsync"/> after a failure.
/// Redis unreachable: the request passes (and <see cref="RedisOutageLog"/> says so).
/// </summary>
public sealed class RedisSlidingWindow(
    IConnectionMultiplexer redis, IOptionsMonitor<RateLimitOptions> options, TimeProvider clock, RedisOutageLog outage)
{
    // KEYS[1] this window's counter, KEYS[2] the previous window's; ARGV[1] limit, ARGV[2] weight of the previous
    // window, ARGV[3] counter lifetime (ms), ARGV[4] mode: "acquire" counts only when under the limit, "peek" never
    // counts, "count" always does. Returns {allowed 0|1, this window's count, previous window's count}.
    private const string Script = """
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
        local over = previous * tonumber(ARGV[2]) + current >= tonumber(ARGV[1])
        if ARGV[4] == 'peek' or (over and ARGV[4] == 'acquire') then
          return {over and 0 or 1, current, previous}
        end
        current = redis.call('INCR', KEYS[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return {1, current, previous}
        """;

    /// <summary>Counts the request when the partition is under its limit; refuses it (uncounted) otherwise.</summary>
    public Task<WindowDecision> TryAcquireAsync(CallerPartition partition) => EvaluateAsync(partition, "acquire");

    /// <summary>Whether the partition is under its limit, counting nothing.</summary>
    public Task<WindowDecision> PeekAsync(CallerPartition partition) => EvaluateAsync(partition, "peek");

    /// <summary>Counts one event against the partition, whatever its limit.</summary>
    public Task CountAsync(CallerPartition partition) => EvaluateAsync(partition, "count");

    private async Task<WindowDecision> EvaluateAsync(CallerPartition partition, string mode)
    {
        if (!redis.IsConnected)
        {
            // Without this check every request would wait out the client's timeout in its backlog.
            outage.Report(null);
            return WindowDecision.Allow;
        }

        var window = (long)RateLimitOptions.Window.TotalMilliseconds;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var (index, elapsed) = (now / window, now % window);
        var previousWeight = 1 - ((double)elapsed / window);
        // The hash tag ({...}) keeps both counters of a caller in one Redis Cluster slot, as a script needs.
        var key = $"{options.CurrentValue.KeyPrefix}:{{{partition.Key}}}:";
        try
        {
            var result = (RedisResult[]?)await redis.GetDatabase().ScriptEvaluateAsync(
                Script,
                [key + index.ToString(CultureInfo.InvariantCulture), key + (index - 1).ToString(CultureInfo.InvariantCulture)],
                [partition.PerMinute, previousWeight.ToString("R", CultureInfo.InvariantCulture), 2 * window, mode]);
            if (result is not [var allowed, var current, var previous])
            {
                return WindowDecision.Allow;
            }

            return (long)allowed == 1
                ? WindowDecision.Allow
                : new WindowDecision(false, RetryAfter(partition.PerMinute, (long)current, (long)previous, TimeSpan.FromMilliseconds(elapsed)));
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            outage.Report(exception);
            return WindowDecision.Allow;
        }
    }

    /// <summary>
    /// How long until a refused caller would be let in again (whole seconds, at least one): the weighted count
    /// <c>previous × (1 − f) + current</c> must fall below the limit, f being the fraction of the window gone by.
    /// </summary>
    public static TimeSpan RetryAfter(long limit, long current, long previous, TimeSpan elapsed)
    {
        var window = RateLimitOptions.Window;
        double seconds;
        if (limit <= 0)
        {
            seconds = window.TotalSeconds;
        }
        else if (current >= limit)
        {
            // This window alone is full: into the next one, until this window's weight has shrunk enough.
            seconds = (window - elapsed).TotalSeconds + (window.TotalSeconds * (1 - ((double)limit / current)));
        }
        else
        {
            seconds = (window.TotalSeconds * (1 - ((double)(limit - current) / previous))) - elapsed.TotalSeconds;
        }

        return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(seconds)));
    }
}
