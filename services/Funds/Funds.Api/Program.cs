using Platform.BuildingBlocks.Hosting;
using Platform.Funds.Api.Infrastructure;

namespace Platform.Funds.Api;

public sealed class Program
{
    public static Task Main(string[] args) => PlatformService.RunAsync<FundsDbContext>(args, FundsApi.AddApplicationServices, FundsApi.MapFundsApi);
}
