using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Parking.Api.Infrastructure;

namespace Platform.Parking.Api.Lots;

/// <summary>Marks an endpoint a parking operator may call on the lots that name it (gate events, occupancy, utilisation).</summary>
public sealed class OpenToLotOperatorMetadata;

/// <summary>
/// Deny by default for parking operators: they run gates, they do not act for the company. On every endpoint not marked
/// <see cref="OpenToLotOperatorMetadata"/> an operator is refused before the handler runs: 403 on a lot it serves (it knows the
/// lot), 404 on any other object (it may see none: not the community, its spaces, leases, vehicles or owners), 403 where
/// the route names no object. Its visible lots come from the same query filter as everywhere else.
/// </summary>
public sealed class LotOperatorFilter : IEndpointFilter
{
    /// <summary>What each route parameter names, for the 404 problem.</summary>
    private static readonly Dictionary<string, string> Nouns = new(StringComparer.Ordinal)
    {
        ["communityId"] = "community", ["spaceId"] = "parking_space", ["allocationId"] = "space_allocation",
        ["violationId"] = "violation", ["unitId"] = "unit",
    };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.RequestServices.GetRequiredService<CallerAccess>().ParkingOperatorId is null
            || http.GetEndpoint()?.Metadata.GetMetadata<OpenToLotOperatorMetadata>() is not null)
        {
            return await next(context);
        }

        var route = http.Request.RouteValues;
        if (route.TryGetValue("lotId", out var lot) && Guid.TryParse(lot?.ToString(), out var lotId))
        {
            var db = http.RequestServices.GetRequiredService<ParkingDbContext>();
            return await db.Lots.AnyAsync(l => l.Id == lotId, http.RequestAborted)
                ? Problems.Forbidden("lot_operator_gates_only", ParkingText.Messages)
                : Problems.NotFound("parking_lot");
        }

        return route.Keys.FirstOrDefault(Nouns.ContainsKey) is { } named
            ? Problems.NotFound(Nouns[named])
            : Problems.Forbidden("lot_operator_gates_only", ParkingText.Messages);
    }
}

public static class LotOperatorAccess
{
    /// <summary>A parking operator may call this on the lots that name it; every other endpoint refuses it.</summary>
    public static TBuilder OpenToLotOperator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenToLotOperatorMetadata());

    /// <summary>Refuses parking operators on every endpoint of the group not opened to them (<see cref="LotOperatorFilter"/>).</summary>
    public static RouteGroupBuilder RefuseLotOperators(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(new LotOperatorFilter());
        return group;
    }
}
