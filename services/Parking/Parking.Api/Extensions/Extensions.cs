using Platform.BuildingBlocks.Checkpoints;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Parking.Api.Gates;
using Platform.Parking.Api.Infrastructure;
using Platform.Parking.Api.Lots;
using Platform.Parking.Api.Spaces;
using Platform.Parking.Api.Vehicles;
using Platform.Parking.Api.Violations;

namespace Platform.Parking.Api;

public static class ParkingApi
{
    public const string ServiceName = "parking";
    public const string Prefix = $"/api/{ServiceName}/v1";

    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddPlatformService<ParkingDbContext>(ServiceName, messaging => messaging.HandleRegistryEvents<ParkingDbContext>());

        builder.Services.AddSingleton<LotOccupancy>();
        builder.Services.AddScoped<GateDesk>();
        builder.Services.AddSingleton<StreamCredential>();
        builder.Services.AddHostedService<LeaseExpiryJob>();
        builder.Services.AddHostedService<ViolationEscalationJob>();
    }

    public static void MapParkingApi(this WebApplication app)
    {
        app.MapRegistryReadModelApi(Prefix, Scopes.ParkingRead).RefuseLotOperators();
        // Operators are refused before their input is read: what they may not do is not theirs to validate.
        app.MapGroup(Prefix).RefuseLotOperators().WithRequestValidation(ParkingText.Messages)
            .MapLotEndpoints().MapSpaceEndpoints().MapVehicleEndpoints().MapGateEndpoints().MapViolationEndpoints();
        app.MapGrpcService<GateControlService>();
        app.MapPublicCheckpoints(ServiceName);
    }
}
