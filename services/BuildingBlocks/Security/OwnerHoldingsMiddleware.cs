using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// For an owner's request, loads once what they own (from the service's own data) so the query
/// filters can limit them to their own units and communities. An endpoint that reads nothing through
/// those filters says so (<see cref="OwnerHoldingsExtensions.WithoutOwnerHoldings{TBuilder}"/>) and saves the look-up;
/// its owners then hold nothing as far as the filters know, so a filtered read there finds nothing (deny by default).
/// </summary>
public sealed class OwnerHoldingsMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CallerAccess access)
    {
        if (access.OwnerId is { } ownerId && context.GetEndpoint()?.Metadata.GetMetadata<WithoutOwnerHoldingsMetadata>() is null
            && context.RequestServices.GetService<ServiceDbContext>() is { } db)
        {
            await access.LoadOwnerHoldingsAsync(ownerId, db, context.RequestAborted);
        }

        await next(context);
    }
}

public sealed class WithoutOwnerHoldingsMetadata;

public static class OwnerHoldingsExtensions
{
    /// <summary>Loads what the owner owns now into <paramref name="access"/>, for the query filters.</summary>
    public static async Task LoadOwnerHoldingsAsync(this CallerAccess access, Guid ownerId, ServiceDbContext db, CancellationToken cancellationToken)
    {
        var holdings = await db.OwnerHoldingsAsync(ownerId, cancellationToken);
        access.SetOwnerHoldings(holdings.Select(h => h.UnitId).ToList(), holdings.Select(h => h.CommunityId).Distinct().ToList());
    }

    /// <summary>The endpoint checks an owner's standing itself and reads past the owner filters: their holdings are not loaded.</summary>
    public static TBuilder WithoutOwnerHoldings<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new WithoutOwnerHoldingsMetadata());
}
