using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Hosting;
using Platform.Gateway.Backends;
using Platform.Gateway.Docs;
using Platform.Gateway.Health;
using Platform.Gateway.Proxy;
using Platform.Gateway.RateLimiting;
using Platform.Gateway.Security;

namespace Platform.Gateway.Extensions;

public static class Extensions
{
    public const string ServiceName = "gateway";

    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        // Service defaults include token validation (the same keys as the services) and deny-by-default authorization.
        builder.AddServiceDefaults(ServiceName);
        builder.AddTrustedProxies();
        builder.AddRoutePolicies();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationProblems>();
        builder.AddCallerRateLimits();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms<HopByHopHeaders>()
            .AddTransforms<SpoofableHeaders>();
        builder.Services.AddSingleton<BackendServices>();
        builder.AddServiceHealth();
    }

    /// <summary>After the service defaults (authentication, authorization): limits, then docs, health and the proxy.</summary>
    public static void MapGateway(this WebApplication app)
    {
        // Endpoint policies only: the proxied routes, /docs and /health/services name "per-caller"; the probes none.
        app.UseRateLimiter();
        app.MapApiReference();
        app.MapServiceHealth();
        app.MapReverseProxy(proxy => proxy
            .UseForwarderProblems()
            .UseTokenEndpointLimits()
            .UseSessionAffinity()
            .UseLoadBalancing()
            .UsePassiveHealthChecks());
    }
}
