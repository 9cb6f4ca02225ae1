using Platform.BuildingBlocks.Hosting;
using Platform.Fees.Api.Infrastructure;

namespace Platform.Fees.Api;

public sealed class Program
{
    public static Task Main(string[] args) => PlatformService.RunAsync<FeesDbContext>(args, FeesApi.AddApplicationServices, FeesApi.MapFeesApi);
}
