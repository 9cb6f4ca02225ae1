using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Hosting;

/// <summary>
/// A host runs as the service, or as one of its operational commands:
/// <c>migrate</c> (the Helm migration job, run.sh) and <c>redrive-errors</c> (error queue back to work).
/// </summary>
public static class PlatformCommands
{
    public static async Task RunPlatformAsync<TContext>(this WebApplication app, string[] args)
        where TContext : ServiceDbContext
    {
        var service = app.Services.GetRequiredService<ServiceIdentity>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Commands");
        switch (args.FirstOrDefault())
        {
            case "migrate":
                await DatabaseMigrator<TContext>.MigrateAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), logger, CancellationToken.None);
                logger.LogInformation("Database of {Service} is up to date", service.Name);
                return;
            case "redrive-errors":
                await ErrorQueueRedrive.RunAsync(
                    RabbitMqAddress.From(app.Configuration), MessagingExtensions.QueueName(app.Configuration, service.Name), logger, CancellationToken.None);
                return;
            default:
                await app.RunAsync();
                return;
        }
    }
}
