using Platform.BuildingBlocks.Caching;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.Parking.Api.Infrastructure;

namespace Platform.Parking.Api.Extensions;

public static class Extensions
{
    public const string ServiceName = "parking";
    public const string ApiPrefix = "/api/parking/v1";

    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);
        builder.AddServiceDatabase<ParkingDbContext>(ServiceName);
        builder.AddMessaging<ParkingDbContext>(ServiceName, messaging => messaging.HandleRegistryEvents<ParkingDbContext>());
        builder.AddRedis();
    }

    public static void MapParkingApi(this WebApplication app)
    {
        app.MapRegistryReadModelApi(ApiPrefix, Scopes.ParkingRead);
    }
}
