using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Parking.V1;

namespace Platform.Parking.Api.Gates;

/// <summary>
/// platform.parking.v1.GateControl: the gate controllers' gRPC feed (scope parking.gates), decided by the same
/// <see cref="GateDesk"/> as REST. A unary call's bad event is a gRPC error; on a stream it is an "error" decision
/// naming the problem, so one bad read does not close a gate's stream. Each streamed event is decided in its own scope.
/// A stream ends Unauthenticated when the token it was opened with expires or its client is revoked (<see cref="StreamCredential"/>).
/// </summary>
[Authorize(Policy = ScopePolicyProvider.Prefix + Scopes.ParkingGates)]
internal sealed class GateControlService(GateDesk desk, IServiceScopeFactory scopes, StreamCredential credential)
    : GateControl.GateControlBase
{
    public override async Task<GateDecision> Decide(Platform.Contracts.Parking.V1.GateEvent request, ServerCallContext context)
    {
        var decision = await DecideAsync(desk, request, context.CancellationToken);
        if (decision.Decision == "error")
        {
            var status = decision.Problem switch
            {
                "not_found" => StatusCode.NotFound,
                "no_entry" or "exit_before_entry" => StatusCode.FailedPrecondition,
                _ => StatusCode.InvalidArgument,
            };
            throw new RpcException(new Status(status, decision.Field.Length > 0 ? $"{decision.Problem}: {decision.Field}" : decision.Problem));
        }

        return decision;
    }

    public override async Task Stream(IAsyncStreamReader<Platform.Contracts.Parking.V1.GateEvent> requestStream, IServerStreamWriter<GateDecision> responseStream, ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        var validUntil = credential.ValidUntil(user);
        using var lapse = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        using var done = new CancellationTokenSource();
        var watch = credential.WatchAsync(user, validUntil, lapse, done.Token);
        try
        {
            // Only the wait for the next event is cut short by a lapse: an event being decided is decided whole.
            while (await requestStream.MoveNext(lapse.Token))
            {
                if (credential.HasExpired(validUntil))
                {
                    throw Unauthenticated("token expired");
                }

                await using var scope = scopes.CreateAsyncScope();
                var scopedDesk = scope.ServiceProvider.GetRequiredService<GateDesk>();
                var decision = await DecideAsync(scopedDesk, requestStream.Current, context.CancellationToken);
                await responseStream.WriteAsync(decision, context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (lapse.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw Unauthenticated(await watch ?? "credential lapsed");
        }
        finally
        {
            await done.CancelAsync();
            await watch;
        }
    }

    private static RpcException Unauthenticated(string reason) => new(new Status(StatusCode.Unauthenticated, reason));

    private static async Task<GateDecision> DecideAsync(GateDesk desk, Platform.Contracts.Parking.V1.GateEvent gateEvent, CancellationToken ct)
    {
        var decision = new GateDecision { EventId = gateEvent.EventId };
        if (!Guid.TryParse(gateEvent.LotId, out var lotId))
        {
            return Error(decision, "invalid_format", "lot_id");
        }

        DateTimeOffset? at = DateTimeOffset.TryParse(gateEvent.At, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        if (at is null && gateEvent.At.Length > 0)
        {
            return Error(decision, "invalid_format", "at");
        }

        GateDirection? direction = gateEvent.Direction switch
        {
            Direction.Entry => GateDirection.Entry,
            Direction.Exit => GateDirection.Exit,
            _ => null,
        };
        var request = new GateEventRequest(gateEvent.GateId, gateEvent.Plate, direction, at);
        switch (await desk.DecideAsync(lotId, request, ct))
        {
            case GateOutcome.Decided decided:
                var d = decided.Decision;
                (decision.Decision, decision.Reason, decision.SessionId, decision.FeeFen, decision.Duplicate) =
                    (d.Decision, d.Reason, d.SessionId?.ToString() ?? "", d.FeeFen, d.Duplicate);
                return decision;
            case GateOutcome.Invalid invalid:
                var (field, key) = invalid.Errors.Keys.First();
                return Error(decision, key.Replace("error.", "", StringComparison.Ordinal), Snake(field));
            case GateOutcome.Refused refused:
                return Error(decision, refused.Code, "");
            default:
                return Error(decision, "not_found", "lot_id");
        }
    }

    private static GateDecision Error(GateDecision decision, string problem, string field)
    {
        (decision.Decision, decision.Reason, decision.Problem, decision.Field) = ("error", problem, problem, field);
        return decision;
    }

    private static string Snake(string field) => field switch
    {
        "gateId" => "gate_id",
        _ => field,
    };
}
