using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// Applies pending migrations before anything else starts, when "Database:MigrateOnStartup" is true
/// (local runs and tests). In Kubernetes a Helm hook runs the host with the `migrate` command instead.
/// </summary>
public sealed class DatabaseMigrator<TContext>(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    ILogger<DatabaseMigrator<TContext>> logger) : IHostedLifecycleService
    where TContext : DbContext
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await MigrateAsync(scopes, logger, cancellationToken);
        }
    }

    public static async Task MigrateAsync(IServiceScopeFactory scopes, ILogger logger, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // Creates the database when absent; several replicas starting at once wait on EF's migration lock.
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Database {Database} is migrated", db.Database.GetDbConnection().Database);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
