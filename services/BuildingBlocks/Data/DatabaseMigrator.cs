using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// Applies pending migrations before anything else starts, when "Database:MigrateOnStartup" is true
/// (local runs and tests). In Kubernetes a Helm hook runs the host with the `migrate` command instead.
/// </summary>
public sealed class DatabaseMigrator<TContext>(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    ILogger<DatabaseMigrator<TContext>> logger) : IHostedLifecycleService
    where TContext : ServiceDbContext
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await MigrateAsync(scopes, logger, cancellationToken);
        }
    }

    /// <summary>
    /// Migrates as the owner role, then grants the runtime role what it needs and no more (<see cref="GrantRuntimeRoleAsync"/>).
    /// </summary>
    public static async Task MigrateAsync(IServiceScopeFactory scopes, ILogger logger, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<ServiceDatabase>();
        var options = new DbContextOptionsBuilder<TContext>().UsePlatformNpgsql(database.OwnerConnectionString).Options;
        await using var db = ActivatorUtilities.CreateInstance<TContext>(scope.ServiceProvider, options);
        // Creates the database when absent; several replicas starting at once wait on EF's migration lock.
        await db.Database.MigrateAsync(cancellationToken);
        if (database.RuntimeRole is { } runtimeRole)
        {
            await GrantRuntimeRoleAsync(db, runtimeRole, cancellationToken);
        }

        logger.LogInformation("Database {Database} is migrated; it runs as {Role}", db.Database.GetDbConnection().Database,
            database.RuntimeRole ?? "its owner");
    }

    /// <summary>
    /// Every table's rows to read and write, the sequences to draw from; not the migrations' history, and on an append-only
    /// table (one with a <c>&lt;table&gt;_append_only</c> trigger) no DELETE and no UPDATE, except the one sealing update of
    /// the tables the context names (<see cref="ServiceDbContext.SealedOnceTables"/>). Run after every migration, so a new
    /// table is covered; the role owns nothing, so it can neither turn a trigger off nor change a table.
    /// </summary>
    private static async Task GrantRuntimeRoleAsync(TContext db, string runtimeRole, CancellationToken ct)
    {
        var role = new NpgsqlCommandBuilder().QuoteIdentifier(runtimeRole);
        var appendOnly = await db.Database.SqlQueryRaw<string>("""
            SELECT c.relname AS "Value" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND t.tgname = c.relname || '_append_only'
            """).ToListAsync(ct);
        var statements = new List<string>
        {
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
            $"REVOKE INSERT, UPDATE, DELETE ON __ef_migrations_history FROM {role}",
        };
        statements.AddRange(appendOnly.Select(table => db.SealedOnceTables.Contains(table)
            ? $"REVOKE DELETE ON \"{table}\" FROM {role}"
            : $"REVOKE UPDATE, DELETE ON \"{table}\" FROM {role}"));
        await db.Database.ExecuteSqlRawAsync(string.Join(";\n", statements), ct);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
