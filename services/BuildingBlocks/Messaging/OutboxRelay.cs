using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;

namespace Platform.BuildingBlocks.Messaging;

public sealed class OutboxOptions
{
    public int BatchSize { get; set; } = 100;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one publish may wait for the broker's confirm before the batch stops and retries later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Readiness fails when the oldest unpublished event has waited longer than this (<see cref="OutboxHealthCheck"/>).</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long readiness waits for the broker's confirm of its probe (<see cref="BrokerPublishHealthCheck"/>).</summary>
    public TimeSpan BrokerProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Publishes committed outbox rows. Rows are locked with FOR UPDATE SKIP LOCKED for the whole batch,
/// so several replicas relay side by side and each row is published by one of them; a row is marked
/// published only after the broker confirmed it. A crash between confirm and commit republishes the
/// row with the same MessageId, which consumers' inboxes drop.
/// </summary>
public sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = _options.PollInterval;
            try
            {
                var (published, failed) = await RelayBatchAsync(stoppingToken);
                if (failed)
                {
                    delay = _options.RetryDelay;
                }
                else if (published == _options.BatchSize)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Outbox relay pass failed; retrying");
                delay = _options.RetryDelay;
            }

            try
            {
                await signal.WaitAsync(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: lock a batch, publish in order until one fails, mark what was confirmed.</summary>
    public async Task<(int Published, bool Failed)> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();

        List<OutboxMessage> batch;
        // Polling is not business work: keep its queries out of the traces.
        using (SuppressInstrumentationScope.Begin())
        {
            await db.Database.BeginTransactionAsync(cancellationToken);
            batch = await db.OutboxMessages
                .FromSql($"SELECT * FROM outbox_messages WHERE published_at IS NULL ORDER BY sequence LIMIT {_options.BatchSize} FOR UPDATE SKIP LOCKED")
                .AsNoTracking().ToListAsync(cancellationToken);
        }

        var published = new List<Guid>(batch.Count);
        (Guid Id, string Error)? failure = null;
        foreach (var message in batch)
        {
            try
            {
                await PublishAsync(message, cancellationToken);
                published.Add(message.Id);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                failure = (message.Id, exception.Message.Length > 2000 ? exception.Message[..2000] : exception.Message);
                logger.LogWarning("Publishing outbox message {MessageId} ({Type}) failed: {Error}", message.Id, message.Type, exception.Message);
                break;
            }
        }

        // One statement marks what the broker confirmed (not one per message); a failure is counted on its row.
        using (SuppressInstrumentationScope.Begin())
        {
            if (published.Count > 0)
            {
                Guid[] ids = [.. published];
                await db.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET published_at = {time.GetUtcNow()} WHERE id = ANY({ids})", cancellationToken);
            }

            if (failure is var (failedId, error))
            {
                await db.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET attempts = attempts + 1, last_error = {error} WHERE id = {failedId}", cancellationToken);
            }

            await db.Database.CommitTransactionAsync(cancellationToken);
        }

        return (published.Count, failure is not null);
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var payload = EventJson.Deserialize(message.Type, message.Payload);
        var type = payload.GetType();

        ActivityContext.TryParse(message.TraceParent, message.TraceState, isRemote: true, out var parent);
        using var activity = PlatformTelemetry.Source.StartActivity($"outbox publish {type.Name}", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", message.Id.ToString());

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        await bus.Publish(payload, type, Pipe.Execute<PublishContext>(context => context.MessageId = message.Id), timeout.Token);
    }
}
