using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Errors;
using Platform.Gateway.Resources;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Rate-limiter policy "per-caller", named by every proxied route's "RateLimiterPolicy" in configuration and by the
/// gateway's /docs and /health/services (probes name none). It runs after authentication, so the caller is known; over
/// the limit is a 429 problem with Retry-After.
/// </summary>
public sealed class CallerRateLimitPolicy(IOptionsMonitor<RateLimitOptions> options, RedisSlidingWindow window)
    : IRateLimiterPolicy<CallerPartition>
{
    public const string Name = "per-caller";

    public static readonly string RateLimitedType = ProblemTypes.For("rate-limited");

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = WriteProblemAsync;

    // A changed limit is a new partition (the record compares both), so configuration reloads apply at once.
    public RateLimitPartition<CallerPartition> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.Get(CallerPartition.Of(httpContext, options.CurrentValue), partition => new RedisPartitionLimiter(partition, window));

    private static async ValueTask WriteProblemAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : RateLimitOptions.Window;
        await WriteProblemAsync(context.HttpContext, retryAfter);
    }

    /// <summary>The one answer to a caller over any of the gateway's limits: 429, Retry-After, a localised problem.</summary>
    public static async Task WriteProblemAsync(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = RateLimitedType,
                Title = GatewayText.Messages["problem.rate_limited"],
                Detail = GatewayText.Messages.Format("problem.rate_limited.detail", seconds),
            },
        });
    }
}
