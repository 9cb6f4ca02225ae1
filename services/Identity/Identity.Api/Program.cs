using Platform.BuildingBlocks.Hosting;
using Platform.Identity.Api.Infrastructure;

namespace Platform.Identity.Api;

public sealed class Program
{
    public static Task Main(string[] args) => PlatformService.RunAsync<IdentityDbContext>(args, IdentityApi.AddApplicationServices, IdentityApi.MapIdentityApi);
}
