using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;

namespace Platform.ElderCare.Api.Infrastructure;

/// <summary>For an owner's request, loads once whom they are guardian of (or are) so the query filters can let them see those people.</summary>
public sealed class CareWardsMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CallerAccess access, ElderCareDbContext db)
    {
        if (access.OwnerId is { } ownerId)
        {
            db.WardElderIds = await db.ElderProfiles.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.GuardianOwnerId == ownerId || e.ResidentOwnerId == ownerId).Select(e => e.Id).ToListAsync(context.RequestAborted);
        }

        await next(context);
    }
}
