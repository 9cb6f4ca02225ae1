using Platform.BuildingBlocks.Hosting;
using Platform.ElderCare.Api.Infrastructure;

namespace Platform.ElderCare.Api;

public sealed class Program
{
    public static Task Main(string[] args) => PlatformService.RunAsync<ElderCareDbContext>(args, ElderCareApi.AddApplicationServices, ElderCareApi.MapElderCareApi);
}
