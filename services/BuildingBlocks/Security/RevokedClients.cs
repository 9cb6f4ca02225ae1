using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// Revoked clients, shared through Redis so every host refuses their tokens at once instead of when
/// the tokens expire. Redis is the coordinator, not the record (the identity database is): an entry
/// lives as long as a token can, and with Redis down tokens simply run to their expiry.
/// </summary>
public static class RevokedClients
{
    /// <summary>Longer than any access token lives (15 minutes) plus clock skew.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(30);

    // Identity writes the flags under its own prefix; every other Redis user may only read them (infra.sh, docs/deploy.md).
    private static RedisKey Key(string clientId) => $"identity:revoked-client:{clientId}";

    public static Task MarkAsync(IConnectionMultiplexer redis, string clientId) =>
        redis.GetDatabase().StringSetAsync(Key(clientId), "1", Memory);

    public static async Task<bool> IsRevokedAsync(IConnectionMultiplexer? redis, string? clientId, ILogger logger)
    {
        if (redis is null || clientId is null || !redis.IsConnected)
        {
            return false;
        }

        try
        {
            return await redis.GetDatabase().KeyExistsAsync(Key(clientId));
        }
        // A busy Redis times out (RedisTimeoutException is a TimeoutException, not a RedisException): degrade, never fail the request.
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Cannot check revoked clients in Redis ({Error}); the token stands until it expires", exception.Message);
            return false;
        }
    }
}
