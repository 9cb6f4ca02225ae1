using Microsoft.EntityFrameworkCore;
using Platform.Parking.Api.Infrastructure;
using Platform.Parking.Domain.Spaces;

namespace Platform.Parking.Api.Lots;

/// <summary>A community's price caps as the rules read them (lots' tariffs, spaces' prices): none set is no cap.</summary>
internal static class PriceCapsLookup
{
    // Read past the caller's filter: the caps bind whoever prices in the community, seen or not.
    public static async Task<PriceCaps> PriceCapsOfAsync(this ParkingDbContext db, Guid communityId, CancellationToken ct) =>
        (await db.PriceCaps.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.CommunityId == communityId, ct))?.Caps ?? PriceCaps.None;
}
