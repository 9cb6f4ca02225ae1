using Grpc.Core;
using Grpc.Net.Client;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Parking.V1;
using Platform.TestKit;
using Xunit;

namespace Platform.Parking.Tests;

/// <summary>The gate controllers' gRPC feed: the same decisions as REST, bad events answered in the stream.</summary>
public sealed class GateStreamTests(ParkingHost parking) : IClassFixture<ParkingHost>
{
    [Fact]
    public async Task A_gate_streams_events_and_gets_each_decision_in_order_with_bad_ones_answered_not_fatal()
    {
        var operatorId = Guid.NewGuid();
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        var lot = (await parking.Lot(parking.Company(companyId), community, operatorId: operatorId)).GetProperty("id").GetGuid().ToString();
        using var channel = GrpcChannel.ForAddress(parking.Host.GrpcAddress);
        var client = new GateControl.GateControlClient(channel);
        var headers = new Metadata { { "Authorization", $"Bearer {TestTokens.For(OrganisationTypes.ParkingOperator, operatorId, Scopes.ParkingWrite)}" } };
        var plate = Plates.Next();
        var now = parking.Host.Clock.GetUtcNow();
        GateEvent Event(string id, string eventPlate, Direction direction, DateTimeOffset at, string? lotId = null) =>
            new() { EventId = id, LotId = lotId ?? lot, GateId = "north-1", Plate = eventPlate, Direction = direction, At = at.ToString("O") };

        using var call = client.Stream(headers, DateTime.UtcNow.AddSeconds(30));
        GateEvent[] events =
        [
            Event("1", plate, Direction.Entry, now.AddHours(-2)),
            Event("2", plate, Direction.Entry, now.AddHours(-2).AddSeconds(5)),
            Event("3", "not-a-plate", Direction.Entry, now),
            Event("4", Plates.Next(), Direction.Exit, now),
            Event("5", plate, Direction.Exit, now),
            Event("6", plate, Direction.Entry, now, lotId: Guid.NewGuid().ToString()),
        ];
        foreach (var gateEvent in events)
        {
            await call.RequestStream.WriteAsync(gateEvent);
        }

        await call.RequestStream.CompleteAsync();
        var decisions = new List<GateDecision>();
        await foreach (var decision in call.ResponseStream.ReadAllAsync())
        {
            decisions.Add(decision);
        }

        Assert.Equal(["1", "2", "3", "4", "5", "6"], decisions.Select(d => d.EventId));
        Assert.Equal(("open", "visitor", false), (decisions[0].Decision, decisions[0].Reason, decisions[0].Duplicate));
        Assert.True(decisions[1].Duplicate);
        Assert.Equal(("error", "invalid_plate", "plate"), (decisions[2].Decision, decisions[2].Problem, decisions[2].Field));
        Assert.Equal(("error", "no_entry"), (decisions[3].Decision, decisions[3].Problem));
        Assert.Equal(("open", "paid", 1000L), (decisions[4].Decision, decisions[4].Reason, decisions[4].FeeFen));
        Assert.Equal(("error", "not_found"), (decisions[5].Decision, decisions[5].Problem));
        Assert.Equal(2, await Sql.CountAsync(parking.Database, "gate_events", $"lot_id = '{lot}'"));
    }

    [Fact]
    public async Task A_unary_decision_refuses_bad_events_with_a_grpc_status_and_needs_the_write_scope()
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        var lot = (await parking.Lot(parking.Company(companyId), community)).GetProperty("id").GetGuid().ToString();
        using var channel = GrpcChannel.ForAddress(parking.Host.GrpcAddress);
        var client = new GateControl.GateControlClient(channel);
        Metadata As(params string[] scopes) => new() { { "Authorization", $"Bearer {TestTokens.For(OrganisationTypes.PropertyCompany, companyId, scopes)}" } };
        var good = new GateEvent { EventId = "a", LotId = lot, GateId = "g", Plate = Plates.Next(), Direction = Direction.Entry, At = DateTimeOffset.UtcNow.ToString("O") };

        var decided = await client.DecideAsync(good, As(Scopes.ParkingWrite));
        var malformed = await Assert.ThrowsAsync<RpcException>(async () => await client.DecideAsync(new GateEvent(good) { Plate = "??" }, As(Scopes.ParkingWrite)));
        var readOnly = await Assert.ThrowsAsync<RpcException>(async () => await client.DecideAsync(good, As(Scopes.ParkingRead)));
        var anonymous = await Assert.ThrowsAsync<RpcException>(async () => await client.DecideAsync(good));

        Assert.Equal("open", decided.Decision);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Contains("plate", malformed.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, readOnly.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
    }
}
