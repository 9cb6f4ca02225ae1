using Microsoft.EntityFrameworkCore;
using Platform.Governance.Api.Infrastructure;

namespace Platform.Governance.Api.Committees;

/// <summary>
/// A committee takes office: the one of its kind in office ends the day the new term starts. Shared by the supervisory
/// committee's endpoint and the handler that forms an owners' committee the owners elected.
/// </summary>
public sealed class CommitteeSuccession(GovernanceDbContext db)
{
    /// <summary>Ends the committee of this kind in office and adds the successor; the caller saves both.</summary>
    public async Task SeatAsync(Committee successor, CancellationToken ct)
    {
        var current = await db.Committees.IgnoreQueryFilters()
            .Where(c => c.CommunityId == successor.CommunityId && c.Kind == successor.Kind)
            .Where(c => c.EndedOn == null && c.TermEnd > successor.TermStart)
            .ToListAsync(ct);
        foreach (var committee in current)
        {
            committee.EndedOn = successor.TermStart;
        }

        db.Committees.Add(successor);
    }
}
