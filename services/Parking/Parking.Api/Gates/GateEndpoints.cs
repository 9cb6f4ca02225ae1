using Microsoft.AspNetCore.Http.HttpResults;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Parking.Api.Lots;

namespace Platform.Parking.Api.Gates;

/// <summary>Gate events over REST (one per request) and each lot's live occupancy; gRPC streams go to <see cref="GateControlService"/>.</summary>
public static class GateEndpoints
{
    public static RouteGroupBuilder MapGateEndpoints(this RouteGroupBuilder api)
    {
        var gates = api.MapGroup("").WithTags("Gates");
        gates.MapPost("/lots/{lotId:guid}/gate-events", Decide).WithName("DecideGateEvent")
            .WithSummary("A gate's entry or exit by plate: open or refuse, with the visitor's fee at exit; a gate's repeat gets the first decision")
            .RequireScope(Scopes.ParkingGates).OpenToLotOperator();
        gates.MapGet("/lots/{lotId:guid}/occupancy", Occupancy).WithName("GetLotOccupancy")
            .WithSummary("Vehicles inside now: the live count, recounted from the database when Redis has none")
            .RequireScope(Scopes.ParkingRead).OpenToLotOperator();
        gates.MapPost("/lots/{lotId:guid}/occupancy/recount", Recount).WithName("RecountLotOccupancy")
            .WithSummary("Recount the vehicles inside from the database and reset the live count").RequireScope(Scopes.ParkingWrite);
        return api;
    }

    public static async Task<Results<Ok<GateDecisionResponse>, ValidationProblem, ProblemHttpResult>> Decide(
        Guid lotId, GateEventRequest request, GateDesk desk, CancellationToken ct) =>
        await desk.DecideAsync(lotId, request, ct) switch
        {
            GateOutcome.Decided decided => TypedResults.Ok(decided.Decision),
            GateOutcome.Invalid invalid => Problems.Validation(invalid.Errors, ParkingText.Messages),
            GateOutcome.Refused refused => Problems.Conflict(refused.Code, ParkingText.Messages, refused.Args),
            _ => Problems.NotFound("parking_lot"),
        };

    public static async Task<Results<Ok<OccupancyResponse>, ProblemHttpResult>> Occupancy(Guid lotId, GateDesk desk, CancellationToken ct) =>
        await desk.OccupancyAsync(lotId, recount: false, ct) is { } occupancy ? TypedResults.Ok(occupancy) : Problems.NotFound("parking_lot");

    public static async Task<Results<Ok<OccupancyResponse>, ProblemHttpResult>> Recount(Guid lotId, GateDesk desk, CancellationToken ct) =>
        await desk.OccupancyAsync(lotId, recount: true, ct) is { } occupancy ? TypedResults.Ok(occupancy) : Problems.NotFound("parking_lot");
}
