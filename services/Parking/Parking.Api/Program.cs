using Platform.BuildingBlocks.Hosting;
using Platform.Parking.Api.Extensions;
using Platform.Parking.Api.Infrastructure;

namespace Platform.Parking.Api;

public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddApplicationServices();

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapParkingApi();
        await app.RunPlatformAsync<ParkingDbContext>(args);
    }
}
