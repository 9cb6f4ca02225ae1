using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Platform.BuildingBlocks.Data;

public static class TransactionLock
{
    /// <summary>
    /// Waits for the PostgreSQL advisory lock named <paramref name="key"/> and holds it to the end of the current
    /// transaction: one writer at a time per chain, account or key, across every replica.
    /// </summary>
    public static Task AcquireAsync(this DatabaseFacade database, string key, CancellationToken cancellationToken) =>
        database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
}
