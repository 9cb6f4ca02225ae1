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

    /// <summary>
    /// The shared form of <see cref="AcquireAsync"/>: any number of holders at once, while an exclusive holder of the same
    /// key waits for all of them (and they for it). Writers that may run side by side take it shared; a reader that
    /// needs a still picture of everything they touch (a recount) takes it exclusively.
    /// </summary>
    public static Task AcquireSharedAsync(this DatabaseFacade database, string key, CancellationToken cancellationToken) =>
        database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared(hashtextextended({key}, 0))", cancellationToken);
}
