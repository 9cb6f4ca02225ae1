using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Caching;
using Platform.BuildingBlocks.Checkpoints;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Hosting;

/// <summary>
/// What every platform service is wired with, in one place: the defaults, its own database, messaging through its
/// outbox and broker queue, Redis and the hash-chained ledgers it keeps. A service's <c>Extensions/Extensions.cs</c>
/// names only what differs and registers its own services.
/// </summary>
public static class PlatformService
{
    /// <param name="consumers">The events the service consumes from its queue (none: it still publishes).</param>
    /// <param name="ledgers">Its hash-chained tables, checkpointed and verified beside the audit trail.</param>
    public static WebApplicationBuilder AddPlatformService<TContext>(this WebApplicationBuilder builder, string serviceName,
        Action<MessagingBuilder>? consumers = null, params ChainLedger[] ledgers)
        where TContext : ServiceDbContext
    {
        builder.AddServiceDefaults(serviceName);
        builder.AddServiceDatabase<TContext>(serviceName);
        builder.AddMessaging<TContext>(serviceName, consumers);
        builder.AddRedis();
        foreach (var ledger in ledgers)
        {
            builder.Services.AddChainLedger(ledger);
        }

        return builder;
    }

    /// <summary>
    /// A service's whole <c>Main</c>: its services, the default middleware, its endpoints, then it runs as the service
    /// or as one of its operational commands (<see cref="PlatformCommands"/>).
    /// </summary>
    public static async Task RunAsync<TContext>(string[] args, Action<WebApplicationBuilder> addServices, Action<WebApplication> mapEndpoints)
        where TContext : ServiceDbContext
    {
        var builder = WebApplication.CreateBuilder(args);
        addServices(builder);

        var app = builder.Build();
        app.UseServiceDefaults();
        mapEndpoints(app);
        await app.RunPlatformAsync<TContext>(args);
    }
}
