using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.ElderCare.Api.Infrastructure;

namespace Platform.ElderCare.Api.Protection;

/// <summary>
/// The access log's chains, each actor's from its first entry: the first entry that is out of place, does not link to the one
/// before it or does not match its keyed hash, named by id and position; and any entry without a link written after the
/// chain began (entries from before the chain existed carry none). Run by <c>verify-ledgers</c> and <c>GET /access-log/verification</c>.
/// </summary>
public sealed class AccessLogIntegrity(ElderCareDbContext db) : IIntegrityCheck
{
    public string Name => "sensitive access log";

    public async Task<IReadOnlyList<string>> FindViolationsAsync(CancellationToken ct)
    {
        var log = db.SensitiveAccessLog.IgnoreQueryFilters().AsNoTracking();
        var firstChained = await log.Where(e => e.Hash != null).MinAsync(e => (long?)e.Sequence, ct);
        var violations = await log.Where(e => e.Hash == null && firstChained != null && e.Sequence > firstChained).OrderBy(e => e.Sequence)
            .Select(e => $"access log entry {e.Id} (actor {e.Actor}) carries no chain link although it was written after the chain began")
            .ToListAsync(ct);
        var actors = await log.Where(e => e.Hash != null).Select(e => e.Actor).Distinct().ToListAsync(ct);
        foreach (var actor in actors)
        {
            var chain = await log.Where(e => e.Actor == actor && e.Hash != null).OrderBy(e => e.Position).ToListAsync(ct);
            if (db.Chain.FirstBreak(chain, e => e.Position) is var (entry, problem))
            {
                violations.Add($"access log entry {entry.Id} (actor {actor}, position {entry.Position}) {problem}");
            }
        }

        return violations;
    }
}
