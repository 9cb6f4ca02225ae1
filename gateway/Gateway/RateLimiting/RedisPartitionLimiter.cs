using System.Diagnostics;
using System.Threading.RateLimiting;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// One caller's limiter for ASP.NET Core's rate-limiting middleware. It holds no count itself (Redis does, for every
/// replica), so it can only decide asynchronously: the synchronous attempt declines and the middleware then awaits
/// <see cref="AcquireAsyncCore"/>.
/// </summary>
public sealed class RedisPartitionLimiter(CallerPartition partition, RedisSlidingWindow window) : RateLimiter
{
    private long _lastUsed = Stopwatch.GetTimestamp();

    /// <summary>Nothing is held in memory, so an idle limiter may be dropped at any time.</summary>
    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => WindowLease.Undecided;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        var decision = await window.TryAcquireAsync(partition);
        return decision.Allowed ? WindowLease.Acquired : new WindowLease(false, decision.RetryAfter);
    }

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Acquired = new(true, null);
        public static readonly WindowLease Undecided = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames =>
            retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
