using Platform.BuildingBlocks.Messaging;

namespace Platform.Identity.Api.OwnerSignIn;

/// <summary>
/// Sends owners' sign-in codes off the request path: wakes when a request is recorded (or every
/// <see cref="PollInterval"/>, for requests another replica recorded or one that waits for governance) and handles
/// every due request. Requests are locked with FOR UPDATE SKIP LOCKED, so replicas share the work.
/// </summary>
public sealed class OwnerSignInCodeDispatcher(
    IServiceScopeFactory scopes,
    [FromKeyedServices(OwnerSignInCodes.SignalKey)] OutboxSignal requested,
    ILogger<OwnerSignInCodeDispatcher> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await HandleOneAsync(stoppingToken))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Owner sign-in code requests could not be read; retrying");
            }

            try
            {
                await requested.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> HandleOneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OwnerSignInCodes>().HandleNextRequestAsync(cancellationToken);
    }
}
