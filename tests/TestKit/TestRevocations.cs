using Platform.BuildingBlocks.Security;
using StackExchange.Redis;

namespace Platform.TestKit;

/// <summary>This test run's revoked clients in Redis, apart from every other run's on the shared server (so a test may flush them).</summary>
public static class TestRevocations
{
    public static readonly string KeyPrefix = $"{RevokedClients.DefaultKeyPrefix}:test-{Guid.NewGuid():N}";

    public static RevokedClients Keys { get; } = new(KeyPrefix);

    private static readonly Lazy<ConnectionMultiplexer> Redis = new(() => ConnectionMultiplexer.Connect(TestInfrastructure.Settings.Redis));

    /// <summary>What identity's RevocationRepublisher does at start, for hosts tested without identity: the set is complete.</summary>
    public static Task MarkBuiltAsync() => Keys.MarkBuiltAsync(Redis.Value.GetDatabase());

    /// <summary>What identity does when a client is revoked (identity's Redis user writes the flags; the services' only read them).</summary>
    public static Task MarkAsync(string clientId, DateTimeOffset now) => Keys.MarkAsync(Redis.Value.GetDatabase(), clientId, now, now);

    /// <summary>As a Redis restart or FLUSHDB would, for this run's keys only: the client's revocation and the "built" marker.</summary>
    public static Task ForgetAsync(string clientId) => Redis.Value.GetDatabase().KeyDeleteAsync([Keys.ClientKey(clientId), Keys.BuiltMarker]);
}
