using Platform.BuildingBlocks.Hosting;
using Platform.Fees.Api.Extensions;
using Platform.Fees.Api.Infrastructure;

namespace Platform.Fees.Api;

public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddApplicationServices();

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapFeesApi();
        await app.RunPlatformAsync<FeesDbContext>(args);
    }
}
