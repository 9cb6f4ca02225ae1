using Platform.BuildingBlocks.Hosting;
using Platform.Funds.Api.Extensions;
using Platform.Funds.Api.Infrastructure;

namespace Platform.Funds.Api;

public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddApplicationServices();

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapFundsApi();
        await app.RunPlatformAsync<FundsDbContext>(args);
    }
}
