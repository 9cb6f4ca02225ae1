using Platform.BuildingBlocks.Hosting;
using Platform.Governance.Api.Extensions;
using Platform.Governance.Api.Infrastructure;

namespace Platform.Governance.Api;

public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddApplicationServices();

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapGovernanceApi();
        await app.RunPlatformAsync<GovernanceDbContext>(args);
    }
}
