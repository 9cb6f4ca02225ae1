using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Readiness of the outbox: Unhealthy when its oldest unpublished event has waited longer than Outbox:UnhealthyAfter (the relay
/// cannot publish: the broker is down, frozen or refusing). The description gives the count and the age, never a row's content.
/// </summary>
public sealed class OutboxHealthCheck(ServiceDatabase database, TimeProvider time, IOptions<OutboxOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(database.RuntimeConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*), min(occurred_at) FROM outbox_messages WHERE published_at IS NULL", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var count = reader.GetInt64(0);
        if (count == 0)
        {
            return HealthCheckResult.Healthy();
        }

        var age = time.GetUtcNow() - reader.GetFieldValue<DateTimeOffset>(1);
        var description = string.Format(CultureInfo.InvariantCulture,
            "{0} unpublished event(s), the oldest waiting {1:0} s (threshold {2:0} s)", count, age.TotalSeconds,
            options.Value.UnhealthyAfter.TotalSeconds);
        return age > options.Value.UnhealthyAfter ? HealthCheckResult.Unhealthy(description) : HealthCheckResult.Healthy(description);
    }
}

/// <summary>
/// Readiness of the broker as a publisher: one confirmed publish within Outbox:BrokerProbeTimeout. A broker that accepts
/// connections but confirms nothing (frozen, out of disk or memory) keeps its connections and heartbeats for a while, so the
/// bus's own check stays green; this one does not. The probe goes to the service's own, unbound
/// <see cref="ExchangeName">probe exchange</see>, which its broker user may already write (ADR-016), so nothing receives it.
/// </summary>
public sealed class BrokerPublishHealthCheck(IBus bus, ServiceIdentity service, TimeProvider time, IOptions<OutboxOptions> options)
    : IHealthCheck
{
    /// <summary>Named like the service's event exchanges ("&lt;service&gt;.Platform.Contracts.Events:*"): no new broker right.</summary>
    public static string ExchangeName(string service) => $"{service}.Platform.Contracts.Events:ReadinessProbe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = options.Value.BrokerProbeTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"exchange:{ExchangeName(service.Name)}?type=fanout"));
            // WaitAsync too: a send waiting for a channel on a frozen connection need not watch its token.
            await endpoint.Send(new ReadinessProbe(time.GetUtcNow()), deadline.Token).WaitAsync(timeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
            when (exception is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(string.Format(CultureInfo.InvariantCulture,
                "the broker did not confirm a publish within {0:0.#} s", timeout.TotalSeconds));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"publishing failed ({exception.GetType().Name})");
        }
    }
}

/// <summary>What the broker probe publishes; no service consumes it.</summary>
public sealed record ReadinessProbe(DateTimeOffset SentAt);
