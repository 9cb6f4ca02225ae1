using Platform.BuildingBlocks.Hosting;
using Platform.Gateway.Backends;
using Platform.Gateway.Docs;
using Platform.Gateway.Health;
using Platform.Gateway.Proxy;

namespace Platform.Gateway.Extensions;

public static class Extensions
{
    public const string ServiceName = "gateway";

    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddSingleton<BackendServices>();
        builder.AddServiceHealth();
    }

    public static void MapGateway(this WebApplication app)
    {
        app.MapApiReference();
        app.MapServiceHealth();
        app.MapReverseProxy(proxy => proxy
            .UseForwarderProblems()
            .UseSessionAffinity()
            .UseLoadBalancing()
            .UsePassiveHealthChecks());
    }
}
