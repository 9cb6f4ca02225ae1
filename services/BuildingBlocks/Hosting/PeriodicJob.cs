using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.BuildingBlocks.Hosting;

/// <summary>
/// A background job run every <see cref="Interval"/>: a failed run is logged and retried at the next one
/// (each run must leave nothing half-written), and the host's stop ends it between runs.
/// </summary>
public abstract class PeriodicJob(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "{Job} failed; the next run retries", GetType().Name);
            }

            try
            {
                await Task.Delay(Interval, Time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
