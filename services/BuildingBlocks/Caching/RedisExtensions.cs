using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.BuildingBlocks.Hosting;
using StackExchange.Redis;

namespace Platform.BuildingBlocks.Caching;

public static class RedisExtensions
{
    /// <summary>
    /// Redis from "ConnectionStrings:redis" or PLATFORM_REDIS, as the service's own ACL user (",user=...,password=..."),
    /// whose keys all start with "&lt;service&gt;:". It never blocks start-up and never fails
    /// readiness: Redis down degrades speed, never correctness (design.md rule 6).
    /// </summary>
    public static WebApplicationBuilder AddRedis(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IConnectionMultiplexer>(services => ConnectionMultiplexer.Connect(Options(services.GetRequiredService<IConfiguration>())));
        builder.Services.AddHealthChecks().AddRedis(
            provider => provider.GetRequiredService<IConnectionMultiplexer>(),
            name: "redis",
            failureStatus: HealthStatus.Degraded,
            tags: [HealthExtensions.Ready]);
        return builder;
    }

    private static ConfigurationOptions Options(IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("redis") is { Length: > 0 } explicitConnection
            ? explicitConnection
            : configuration["PLATFORM_REDIS"] ?? throw new InvalidOperationException(
                "No Redis configured: set ConnectionStrings__redis or PLATFORM_REDIS (see deploy/local/infra.sh env).");
        var options = ConfigurationOptions.Parse(connection);
        options.AbortOnConnectFail = false;
        // Each service's ACL user has no pub/sub channels (design.md rule 9); the client's configuration channel would be refused.
        options.ConfigurationChannel = "";
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 2000;
        options.AsyncTimeout = 2000;
        return options;
    }
}
