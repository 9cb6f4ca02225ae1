using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// For an owner's request, loads once what they own (from the service's own data) so the query
/// filters can limit them to their own units and communities.
/// </summary>
public sealed class OwnerHoldingsMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CallerAccess access)
    {
        if (access.OwnerId is { } ownerId && context.RequestServices.GetService<ServiceDbContext>() is { } db)
        {
            var holdings = await db.OwnerHoldingsAsync(ownerId, context.RequestAborted);
            access.SetOwnerHoldings(holdings.Select(h => h.UnitId).ToList(), holdings.Select(h => h.CommunityId).Distinct().ToList());
        }

        await next(context);
    }
}
