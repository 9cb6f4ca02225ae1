using Platform.BuildingBlocks.Hosting;
using Platform.ElderCare.Api.Extensions;
using Platform.ElderCare.Api.Infrastructure;

namespace Platform.ElderCare.Api;

public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddApplicationServices();

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapElderCareApi();
        await app.RunPlatformAsync<ElderCareDbContext>(args);
    }
}
