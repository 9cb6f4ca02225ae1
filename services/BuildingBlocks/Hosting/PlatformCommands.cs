using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Auditing;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Hosting;

/// <summary>
/// A host runs as the service, or as one of its operational commands:
/// <c>migrate</c> (the Helm migration job, run.sh), <c>redrive-errors</c> (error queue back to work),
/// <c>verify-audit</c> (exit code 1 when the audit trail's hash chain is broken) and <c>verify-ledgers</c> (exit code 1
/// when any of the service's <see cref="IIntegrityCheck"/>s finds a violation).
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
            case "verify-audit":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<TContext>();
                    var broken = await AuditTrail.FirstBreakAsync(db, CancellationToken.None);
                    if (broken is var (entry, problem))
                    {
                        logger.LogError("Audit trail of {Service} is broken at entry {Sequence} ({Id}): it {Problem}",
                            service.Name, entry.Sequence, entry.Id, problem);
                        Environment.ExitCode = 1;
                        return;
                    }
                }

                logger.LogInformation("Audit trail of {Service} verifies", service.Name);
                return;
            case "verify-ledgers":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    foreach (var check in scope.ServiceProvider.GetServices<IIntegrityCheck>())
                    {
                        var violations = await check.FindViolationsAsync(CancellationToken.None);
                        foreach (var violation in violations)
                        {
                            logger.LogError("{Check} of {Service}: {Violation}", check.Name, service.Name, violation);
                        }

                        Environment.ExitCode = violations.Count > 0 ? 1 : Environment.ExitCode;
                        logger.LogInformation("{Check} of {Service}: {Count} violations", check.Name, service.Name, violations.Count);
                    }
                }

                return;
            default:
                await app.RunAsync();
                return;
        }
    }
}
