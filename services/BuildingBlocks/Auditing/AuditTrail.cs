using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Auditing;

/// <summary>Appends to and verifies a service's hash-chained audit trail.</summary>
public static class AuditTrail
{
    /// <summary>
    /// Appends an entry inside the caller's transaction. A transaction-scoped advisory lock orders
    /// concurrent writers, so each entry's previous hash is the one committed just before it.
    /// </summary>
    public static async Task AppendAsync(ServiceDbContext db, Func<string, AuditEntry> entry, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended('audit_entries', 0))", cancellationToken);
        var previous = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken);
        db.AuditEntries.Add(entry(previous ?? AuditEntry.Genesis).Seal());
    }

    /// <summary>The first entry whose hash or link does not hold, or null when the chain verifies.</summary>
    public static async Task<AuditEntry?> FirstBrokenAsync(ServiceDbContext db, CancellationToken cancellationToken)
    {
        var previous = AuditEntry.Genesis;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (entry.PreviousHash != previous || entry.Hash != entry.ComputeHash())
            {
                return entry;
            }

            previous = entry.Hash;
        }

        return null;
    }
}
