using Platform.BuildingBlocks.Caching;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.Funds.Api.Infrastructure;

namespace Platform.Funds.Api.Extensions;

public static class Extensions
{
    public const string ServiceName = "funds";
    public const string ApiPrefix = "/api/funds/v1";

    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);
        builder.AddServiceDatabase<FundsDbContext>(ServiceName);
        builder.AddMessaging<FundsDbContext>(ServiceName, messaging => messaging.HandleRegistryEvents<FundsDbContext>());
        builder.AddRedis();
    }

    public static void MapFundsApi(this WebApplication app)
    {
        app.MapRegistryReadModelApi(ApiPrefix, Scopes.FundsRead);
    }
}
