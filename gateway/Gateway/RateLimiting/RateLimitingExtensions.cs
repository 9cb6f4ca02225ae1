using Platform.BuildingBlocks.Caching;

namespace Platform.Gateway.RateLimiting;

public static class RateLimitingExtensions
{
    /// <summary>Per-caller limits counted in Redis ("RateLimits" settings; Redis from ConnectionStrings:redis or PLATFORM_REDIS).</summary>
    public static WebApplicationBuilder AddCallerRateLimits(this WebApplicationBuilder builder)
    {
        builder.AddRedis();
        builder.Services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
        builder.Services.AddSingleton<RedisOutageLog>();
        builder.Services.AddSingleton<RedisSlidingWindow>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy<CallerPartition, CallerRateLimitPolicy>(CallerRateLimitPolicy.Name);
        });
        return builder;
    }
}
