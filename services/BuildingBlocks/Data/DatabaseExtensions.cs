using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// Configuration is read when services are resolved, not here, so test hosts can override it.
    /// The service's own PostgreSQL database: "ConnectionStrings:&lt;service&gt;" when set (Kubernetes secret,
    /// Aspire), else the server in PLATFORM_POSTGRES with the database named after the service.
    /// </summary>
    public static WebApplicationBuilder AddServiceDatabase<TContext>(this WebApplicationBuilder builder, string serviceName)
        where TContext : ServiceDbContext
    {
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSaveChangesInterceptor>();
        builder.Services.AddSingleton<FailedCommandInterceptor>();
        builder.Services.AddOptions<ChainOptions>().BindConfiguration(ChainOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ChainOptions>, ChainOptionsValidation>();
        builder.Services.AddSingleton<HashChain>();
        // Built once, when the first context is made (not per request: parsing it shows in a busy service's profile).
        string? connection = null;
        builder.Services.AddDbContext<TContext>((services, options) => options
            .UseNpgsql(connection ??= ConnectionString(services.GetRequiredService<IConfiguration>(), serviceName), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetRequiredService<OutboxSaveChangesInterceptor>(), services.GetRequiredService<FailedCommandInterceptor>()));
        // Building blocks that work on any service's data (read models, idempotency) ask for the base type.
        builder.Services.AddScoped<ServiceDbContext>(services => services.GetRequiredService<TContext>());
        builder.Services.AddHealthChecks().AddNpgSql(services => ConnectionString(services.GetRequiredService<IConfiguration>(), serviceName), name: "postgresql", tags: [HealthExtensions.Ready]);
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        return builder;
    }

    public static string ConnectionString(IConfiguration configuration, string database)
    {
        if (configuration.GetConnectionString(database) is { Length: > 0 } explicitConnection)
        {
            return WithPlatformDefaults(new NpgsqlConnectionStringBuilder(explicitConnection));
        }

        var server = configuration["PLATFORM_POSTGRES"]
            ?? throw new InvalidOperationException(
                $"No database configured for '{database}': set ConnectionStrings__{database} or PLATFORM_POSTGRES " +
                "(run `eval \"$(deploy/local/infra.sh env)\"` after `deploy/local/infra.sh up`).");
        return WithPlatformDefaults(new NpgsqlConnectionStringBuilder(server) { Database = database });
    }

    /// <summary>
    /// A service sends the same few statements all day: each is prepared on a connection once it repeats (parsing and
    /// planning cost PostgreSQL more than most of them take to run), unless the connection string sets its own
    /// "Max Auto Prepare". A pooled connection is not reset when it returns: the platform keeps no state in a session
    /// (locks are transaction-scoped, nothing is SET), so the reset would only cost a statement per use. A connection on
    /// which a command failed is reset all the same, prepared statements included (<see cref="FailedCommandInterceptor"/>).
    /// </summary>
    private static string WithPlatformDefaults(NpgsqlConnectionStringBuilder connection)
    {
        if (connection.MaxAutoPrepare == 0)
        {
            connection.MaxAutoPrepare = 64;
        }

        connection.NoResetOnClose = true;
        return connection.ConnectionString;
    }
}
