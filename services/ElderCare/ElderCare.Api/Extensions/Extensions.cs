using Platform.BuildingBlocks.Caching;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.ElderCare.Api.Infrastructure;

namespace Platform.ElderCare.Api.Extensions;

public static class Extensions
{
    public const string ServiceName = "eldercare";
    public const string ApiPrefix = "/api/eldercare/v1";

    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);
        builder.AddServiceDatabase<ElderCareDbContext>(ServiceName);
        builder.AddMessaging<ElderCareDbContext>(ServiceName, messaging => messaging.HandleRegistryEvents<ElderCareDbContext>());
        builder.AddRedis();
    }

    public static void MapElderCareApi(this WebApplication app)
    {
        app.MapRegistryReadModelApi(ApiPrefix, Scopes.ElderCareRead);
    }
}
