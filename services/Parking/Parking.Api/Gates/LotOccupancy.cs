using StackExchange.Redis;

namespace Platform.Parking.Api.Gates;

/// <summary>
/// Live occupancy per lot in Redis: a counter each gate decision moves while it holds the lot's shared lock, set from
/// PostgreSQL's count of open sessions by a recount that holds it exclusively. A missing key stays missing until a
/// recount (an increment never creates it), so the counter is either absent or equal to the database's count.
/// </summary>
public sealed class LotOccupancy(IConnectionMultiplexer redis, ILogger<LotOccupancy> logger)
{
    private const string AddIfPresent = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
        return nil
        """;

    private static RedisKey Key(Guid lotId) => $"parking:occupancy:{lotId}";

    /// <summary>Moves the counter; false when Redis did not answer (the caller marks the lot for a recount).</summary>
    public async Task<bool> TryAddAsync(Guid lotId, int delta)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(AddIfPresent, [Key(lotId)], [delta]);
            return true;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Occupancy of lot {LotId} not updated in Redis ({Error}); it is recounted at the next read", lotId, exception.Message);
            return false;
        }
    }

    /// <summary>The live count, or null when Redis has none or does not answer.</summary>
    public async Task<long?> GetAsync(Guid lotId)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(Key(lotId));
            return value.HasValue ? (long)value : null;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Occupancy of lot {LotId} not read from Redis ({Error}); recounting", lotId, exception.Message);
            return null;
        }
    }

    public async Task<bool> TrySetAsync(Guid lotId, long occupied)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(lotId), occupied);
            return true;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Occupancy of lot {LotId} not stored in Redis ({Error})", lotId, exception.Message);
            return false;
        }
    }

    /// <summary>Drops the counter after a decision moved it but did not commit: absent, it is recounted at the next read.</summary>
    public async Task ForgetAsync(Guid lotId)
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(Key(lotId));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogError("Occupancy of lot {LotId} may be off by one in Redis ({Error}); recount it", lotId, exception.Message);
        }
    }
}
