using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.Identity.Api.Infrastructure;
using StackExchange.Redis;

namespace Platform.Identity.Api.Clients;

/// <summary>
/// Rebuilds the revoked-clients set in Redis from the record, identity's database: at start and every
/// "Identity:Revocations:RepublishInterval" (5 s), every client revoked within <see cref="RevokedClients.Memory"/>
/// (a token of it may still live), then the "built" marker. A Redis restart or flush is repaired within one interval;
/// until then hosts see no marker and refuse writes (ADR-014). Every replica runs it; the writes are idempotent.
/// </summary>
public sealed class RevocationRepublisher(
    IServiceScopeFactory scopes, IConnectionMultiplexer redis, RevokedClients revoked, IConfiguration configuration, TimeProvider time,
    ILogger<RevocationRepublisher> logger) : PeriodicJob(time, logger)
{
    public const string IntervalSetting = "Identity:Revocations:RepublishInterval";

    protected override TimeSpan Interval => configuration.GetValue(IntervalSetting, TimeSpan.FromSeconds(5));

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var since = now - RevokedClients.Memory;
        List<(string ClientId, DateTimeOffset RevokedAt)> clients;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            clients = (await db.Clients.AsNoTracking()
                    .Where(client => client.RevokedAt != null && client.RevokedAt > since)
                    .Select(client => new { client.ClientId, client.RevokedAt })
                    .ToListAsync(cancellationToken))
                .Select(client => (client.ClientId, client.RevokedAt!.Value))
                .ToList();
        }

        var database = redis.GetDatabase();
        await Task.WhenAll(clients.Select(client => revoked.MarkAsync(database, client.ClientId, client.RevokedAt, now)));
        // Only after every revocation is back: the marker tells hosts the set is complete.
        await revoked.MarkBuiltAsync(database);
    }
}
