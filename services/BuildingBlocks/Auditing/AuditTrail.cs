using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Auditing;

/// <summary>
/// Appends to and verifies a service's hash-chained audit trail: one chain per actor (ADR-006), so
/// writers of different callers never wait for each other, while each caller's history is tamper-evident.
/// </summary>
public static class AuditTrail
{
    /// <summary>
    /// Appends an entry inside the caller's transaction. A transaction-scoped advisory lock on the actor
    /// orders that actor's concurrent writes, so each entry's previous hash is the actor's entry committed just before it.
    /// </summary>
    public static async Task AppendAsync(ServiceDbContext db, string actor, Func<string, AuditEntry> entry, CancellationToken cancellationToken)
    {
        var previous = await db.Database.AcquireThenReadAsync<string>($"audit:{actor}",
            "SELECT hash FROM audit_entries WHERE actor = $1 ORDER BY sequence DESC LIMIT 1", [actor], cancellationToken);
        var appended = entry(previous ?? AuditEntry.Genesis);
        if (appended.Actor != actor)
        {
            throw new InvalidOperationException($"An audit entry of {appended.Actor} cannot join {actor}'s chain.");
        }

        db.AuditEntries.Add(appended.Seal(db.Chain));
    }

    /// <summary>
    /// The first entry (in insertion order) whose link to its actor's chain does not hold, or null when every chain verifies.
    /// </summary>
    public static async Task<AuditEntry?> FirstBrokenAsync(ServiceDbContext db, CancellationToken cancellationToken) =>
        (await FirstBreakAsync(db, cancellationToken))?.Entry;

    /// <summary>
    /// The first entry (in insertion order) whose link to its actor's chain does not hold, and how; null when every chain verifies.
    /// </summary>
    public static async Task<(AuditEntry Entry, string Problem)?> FirstBreakAsync(ServiceDbContext db, CancellationToken cancellationToken)
    {
        var walks = new Dictionary<string, ChainWalk>();
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!walks.TryGetValue(entry.Actor, out var walk))
            {
                walks[entry.Actor] = walk = db.Chain.Walk();
            }

            if (walk.Next(entry) is { } problem)
            {
                return (entry, problem);
            }
        }

        return null;
    }
}
