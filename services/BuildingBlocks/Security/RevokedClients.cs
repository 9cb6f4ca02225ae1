using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Platform.BuildingBlocks.Security;

/// <summary>What a host can say about a token's client: revoked, not revoked, or nothing (Redis unreachable or rebuilding).</summary>
public enum RevocationStatus
{
    NotRevoked,
    Revoked,
    Unknown,
}

/// <summary>
/// Revoked clients, shared through Redis so every host refuses their tokens at once instead of when the tokens
/// expire. Redis is the coordinator, not the record: identity's database is (clients.revoked_at), and identity
/// writes every revocation that a live token could still use into Redis again, then the "built" marker, at start
/// and every few seconds (RevocationRepublisher). A missing marker means Redis lost its keys (restart, flush):
/// the answer is then Unknown, as when Redis cannot be reached, and writes fail closed (ADR-014).
/// </summary>
public sealed class RevokedClients(string keyPrefix)
{
    /// <summary>Longer than any access token lives (15 minutes) plus clock skew.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(30);

    /// <summary>Where the keys live; one prefix per platform (tests use one per run, so they never touch another's keys).</summary>
    public const string KeyPrefixSetting = "Auth:RevocationKeyPrefix";

    // Under identity's own Redis prefix: identity writes them, every other service's Redis user may only read them (ADR-016).
    public const string DefaultKeyPrefix = "identity:revocations";

    public string KeyPrefix { get; } = keyPrefix;

    /// <summary>Set after every rebuild from identity's database: without it the set may be missing revocations.</summary>
    public RedisKey BuiltMarker => $"{KeyPrefix}:built";

    public static RevokedClients FromConfiguration(IConfiguration configuration) =>
        new(configuration[KeyPrefixSetting] is { Length: > 0 } prefix ? prefix : DefaultKeyPrefix);

    public RedisKey ClientKey(string clientId) => $"{KeyPrefix}:client:{clientId}";

    /// <summary>Refuses the client's tokens until <paramref name="revokedAt"/> + <see cref="Memory"/>, when the last has expired.</summary>
    public Task MarkAsync(IDatabaseAsync redis, string clientId, DateTimeOffset revokedAt, DateTimeOffset now) =>
        revokedAt + Memory > now ? redis.StringSetAsync(ClientKey(clientId), "1", revokedAt + Memory - now) : Task.CompletedTask;

    public Task MarkBuiltAsync(IDatabaseAsync redis) => redis.StringSetAsync(BuiltMarker, "1");

    public async Task<RevocationStatus> CheckAsync(IConnectionMultiplexer? redis, string clientId, ILogger logger)
    {
        if (redis is null || !redis.IsConnected)
        {
            return RevocationStatus.Unknown;
        }

        try
        {
            var database = redis.GetDatabase();
            var revoked = database.KeyExistsAsync(ClientKey(clientId));
            var built = database.KeyExistsAsync(BuiltMarker);
            if (await revoked)
            {
                return RevocationStatus.Revoked;
            }

            return await built ? RevocationStatus.NotRevoked : RevocationStatus.Unknown;
        }
        // A busy Redis times out (RedisTimeoutException is a TimeoutException, not a RedisException): unknown, not an error.
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Cannot check revoked clients in Redis ({Error}); writes are refused until it answers", exception.Message);
            return RevocationStatus.Unknown;
        }
    }
}
