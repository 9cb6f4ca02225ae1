using Platform.BuildingBlocks.Hosting;
using Platform.Parking.Api.Infrastructure;

namespace Platform.Parking.Api;

public sealed class Program
{
    public static Task Main(string[] args) => PlatformService.RunAsync<ParkingDbContext>(args, ParkingApi.AddApplicationServices, ParkingApi.MapParkingApi);
}
