using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Parking.V1;
using Platform.TestKit;
using StackExchange.Redis;
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
        var token = TestTokens.WithDefaults(OrganisationTypes.ParkingOperator, operatorId);
        var headers = new Metadata { { "Authorization", $"Bearer {token}" } };
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
    public async Task A_stream_whose_token_expires_is_ended_unauthenticated_at_the_next_event_which_is_not_decided()
    {
        var (lot, headers, _) = await OperatorStream();
        using var channel = GrpcChannel.ForAddress(parking.Host.GrpcAddress);
        using var call = new GateControl.GateControlClient(channel).Stream(headers, DateTime.UtcNow.AddSeconds(30));
        await call.RequestStream.WriteAsync(Event("before", lot, parking.Host.Clock.GetUtcNow()));
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal("open", call.ResponseStream.Current.Decision);

        // Past the token's ten minutes and the 30 s of clock skew the service allows any token.
        parking.Host.Clock.Advance(TimeSpan.FromMinutes(11));
        try
        {
            await call.RequestStream.WriteAsync(Event("after", lot, parking.Host.Clock.GetUtcNow()));
            var ended = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());

            Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
            Assert.Equal(1, await Sql.CountAsync(parking.Database, "gate_events", $"lot_id = '{lot}'"));
        }
        finally
        {
            parking.Host.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_stream_of_a_client_revoked_while_it_is_open_is_ended_unauthenticated_within_the_recheck_interval()
    {
        var (lot, headers, clientId) = await OperatorStream();
        using var channel = GrpcChannel.ForAddress(parking.Host.GrpcAddress);
        using var call = new GateControl.GateControlClient(channel).Stream(headers, DateTime.UtcNow.AddSeconds(20));
        await call.RequestStream.WriteAsync(Event("before", lot, parking.Host.Clock.GetUtcNow()));
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal("open", call.ResponseStream.Current.Decision);

        await TestRevocations.MarkAsync(clientId, parking.Host.Clock.GetUtcNow());
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var ended = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());

        // The host re-checks every second; the gate sent nothing more, yet its stream ends.
        Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"ended after {waited.Elapsed}");
    }

    /// <summary>A lot run by an operator, and the operator's stream headers with a token of a client of its own.</summary>
    private async Task<(string Lot, Metadata Headers, string ClientId)> OperatorStream()
    {
        var operatorId = Guid.NewGuid();
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        var lot = (await parking.Lot(parking.Company(companyId), community, operatorId: operatorId)).GetProperty("id").GetGuid().ToString();
        var token = new TokenRequest(
            OrganisationTypes.ParkingOperator, operatorId, ScopeGrants.Defaults(OrganisationTypes.ParkingOperator));
        return (lot, new Metadata { { "Authorization", $"Bearer {TestTokens.Issue(token)}" } }, token.ClientId);
    }

    private static GateEvent Event(string id, string lot, DateTimeOffset at) =>
        new() { EventId = id, LotId = lot, GateId = "north-1", Plate = Plates.Next(), Direction = Direction.Entry, At = at.ToString("O") };

    [Fact]
    public async Task A_unary_decision_refuses_bad_events_with_a_grpc_status_and_needs_the_gates_scope()
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        var lot = (await parking.Lot(parking.Company(companyId), community)).GetProperty("id").GetGuid().ToString();
        using var channel = GrpcChannel.ForAddress(parking.Host.GrpcAddress);
        var client = new GateControl.GateControlClient(channel);
        Metadata As(params string[] scopes) => new() { { "Authorization", $"Bearer {TestTokens.For(OrganisationTypes.PropertyCompany, companyId, scopes)}" } };
        var good = new GateEvent { EventId = "a", LotId = lot, GateId = "g", Plate = Plates.Next(), Direction = Direction.Entry, At = DateTimeOffset.UtcNow.ToString("O") };

        var decided = await client.DecideAsync(good, As(Scopes.ParkingGates));
        var malformed = await Assert.ThrowsAsync<RpcException>(
            async () => await client.DecideAsync(new GateEvent(good) { Plate = "??" }, As(Scopes.ParkingGates)));
        var readOnly = await Assert.ThrowsAsync<RpcException>(async () => await client.DecideAsync(good, As(Scopes.ParkingRead)));
        // Running the community's parking is not deciding at its gates.
        var writer = await Assert.ThrowsAsync<RpcException>(
            async () => await client.DecideAsync(good, As(Scopes.ParkingRead, Scopes.ParkingWrite)));
        var anonymous = await Assert.ThrowsAsync<RpcException>(async () => await client.DecideAsync(good));

        Assert.Equal("open", decided.Decision);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Contains("plate", malformed.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, readOnly.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, writer.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
    }
}
