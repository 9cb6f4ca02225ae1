using Platform.BuildingBlocks.Hosting;
using Platform.Gateway.Extensions;
using Platform.Gateway.Proxy;

namespace Platform.Gateway;

public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddApplicationServices();

        var app = builder.Build();
        app.UseTrustedProxies();
        app.UseServiceDefaults();
        app.MapGateway();
        await app.RunAsync();
    }
}
