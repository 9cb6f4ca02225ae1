using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Checkpoints;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own PostgreSQL database (<see cref="ServiceDatabase"/>): the service connects as its runtime role, the
    /// migrations as the owner. Configuration is read when services are resolved, not here, so test hosts can override it.
    /// </summary>
    public static WebApplicationBuilder AddServiceDatabase<TContext>(this WebApplicationBuilder builder, string serviceName)
        where TContext : ServiceDbContext
    {
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSaveChangesInterceptor>();
        builder.Services.AddSingleton<FailedCommandInterceptor>();
        builder.Services.AddSingleton(services => new ServiceDatabase(serviceName, services.GetRequiredService<IConfiguration>()));
        builder.Services.AddOptions<ChainOptions>().BindConfiguration(ChainOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ChainOptions>, ChainOptionsValidation>();
        builder.Services.AddSingleton<HashChain>();
        builder.Services.AddOptions<CheckpointOptions>().BindConfiguration(CheckpointOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CheckpointOptions>, CheckpointOptionsValidation>();
        builder.Services.AddSingleton<CheckpointSigner>();
        builder.Services.AddChainLedger(ChainLedger.AuditTrail);
        builder.Services.AddSingleton<CheckpointIssuer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CheckpointIssuer>());
        builder.Services.AddScoped<IIntegrityCheck, CheckpointIntegrity>();
        builder.Services.AddDbContext<TContext>((services, options) => options
            .UsePlatformNpgsql(services.GetRequiredService<ServiceDatabase>().RuntimeConnectionString)
            .AddInterceptors(services.GetRequiredService<OutboxSaveChangesInterceptor>(), services.GetRequiredService<FailedCommandInterceptor>()));
        // Building blocks that work on any service's data (read models, idempotency) ask for the base type.
        builder.Services.AddScoped<ServiceDbContext>(services => services.GetRequiredService<TContext>());
        builder.Services.AddHealthChecks().AddNpgSql(
            services => services.GetRequiredService<ServiceDatabase>().RuntimeConnectionString,
            name: "postgresql", tags: [HealthExtensions.Ready]);
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        return builder;
    }

    /// <summary>A table of chained records whose heads the service's signed checkpoints publish.</summary>
    public static IServiceCollection AddChainLedger(this IServiceCollection services, ChainLedger ledger) => services.AddSingleton(ledger);

    /// <summary>How every service's context talks to PostgreSQL, as the runtime role or, for migrations, the owner.</summary>
    public static DbContextOptionsBuilder UsePlatformNpgsql(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
