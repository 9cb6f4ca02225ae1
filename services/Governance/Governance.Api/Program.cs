using Platform.BuildingBlocks.Hosting;
using Platform.Governance.Api.Infrastructure;

namespace Platform.Governance.Api;

public sealed class Program
{
    public static Task Main(string[] args) => PlatformService.RunAsync<GovernanceDbContext>(args, GovernanceApi.AddApplicationServices, GovernanceApi.MapGovernanceApi);
}
