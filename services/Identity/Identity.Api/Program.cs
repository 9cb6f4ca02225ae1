using Platform.BuildingBlocks.Hosting;
using Platform.Identity.Api.Extensions;
using Platform.Identity.Api.Infrastructure;

namespace Platform.Identity.Api;

public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddApplicationServices();

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapIdentityApi();
        await app.RunPlatformAsync<IdentityDbContext>(args);
    }
}
