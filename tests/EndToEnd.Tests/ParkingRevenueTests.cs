using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.Contracts.Parking.V1;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

/// <summary>A gate controller's stream through the gateway; the visitor's fee on owners-common spaces booked once as public income in Fees.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ParkingRevenueTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_visitors_fee_streamed_through_the_gateway_is_booked_once_in_fees_even_when_redelivered()
    {
        var company = await platform.Registry.PropertyCompany();
        var community = await platform.Registry.Community(company.Id);
        var parking = platform.ConsumerHosts["parking"];
        var fees = platform.ConsumerHosts["fees"];
        await Eventually.Until(async () => await Sql.CountAsync(parking.DatabaseConnectionString, "registry_communities", $"id = '{community.Id}'") == 1
                                           && await Sql.CountAsync(fees.DatabaseConnectionString, "registry_communities", $"id = '{community.Id}'") == 1,
            TimeSpan.FromSeconds(30), "the community in parking and fees");
        var operatorId = Guid.NewGuid();
        using var companyClient = platform.Gateway.CreateHttpClient()
            .WithToken(TestTokens.WithDefaults(OrganisationTypes.PropertyCompany, company.Id));
        var created = await companyClient.PostAsJsonAsync($"/api/parking/v1/communities/{community.Id}/lots", new
        {
            name = "地面停车场", capacity = 50, operatorId, visitorSpaceOwnership = "OwnersCommon",
            tariff = new { freeMinutes = 15, fenPerHour = 300, dailyCapFen = 2000 },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var lot = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var channel = GrpcChannel.ForAddress(platform.Gateway.GrpcAddress);
        var gates = new GateControl.GateControlClient(channel);
        var headers = new Metadata { { "Authorization", $"Bearer {TestTokens.WithDefaults(OrganisationTypes.ParkingOperator, operatorId)}" } };
        using var call = gates.Stream(headers, DateTime.UtcNow.AddSeconds(30));
        var now = DateTimeOffset.UtcNow;
        await call.RequestStream.WriteAsync(new GateEvent { EventId = "in", LotId = lot.ToString(), GateId = "south", Plate = "浙A12345", Direction = Direction.Entry, At = now.AddMinutes(-150).ToString("O") });
        await call.RequestStream.WriteAsync(new GateEvent { EventId = "out", LotId = lot.ToString(), GateId = "south", Plate = "浙A12345", Direction = Direction.Exit, At = now.ToString("O") });
        await call.RequestStream.CompleteAsync();
        var decisions = new List<GateDecision>();
        await foreach (var decision in call.ResponseStream.ReadAllAsync())
        {
            decisions.Add(decision);
        }

        Assert.Equal(["open", "open"], decisions.Select(d => d.Decision));
        Assert.Equal(900, decisions[1].FeeFen); // two and a half hours: three begun hours at 3 yuan
        var session = decisions[1].SessionId;
        var booked = $"source_reference = 'parking:{session}' AND amount_fen = 900 AND community_id = '{community.Id}'";
        await Eventually.Until(async () => await Sql.CountAsync(fees.DatabaseConnectionString, "public_income_entries", booked) == 1,
            TimeSpan.FromSeconds(30), "the fee in the community's public income");

        // Redelivered: the relay publishes the same message again, and a copy arrives under a new message id.
        await Sql.ExecuteAsync(parking.DatabaseConnectionString, $"UPDATE outbox_messages SET published_at = NULL WHERE payload->>'revenueId' = '{session}'");
        var copy = NewId.NextGuid();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await parking.Services.GetRequiredService<IBus>().Publish(
            new ParkingRevenueRecorded(Guid.Parse(session), community.Id, lot, 900, true, CountyCalendar.DateOf(now), now),
            context => context.MessageId = copy, timeout.Token);
        await Eventually.Until(async () => await Sql.CountAsync(parking.DatabaseConnectionString, "outbox_messages", $"payload->>'revenueId' = '{session}' AND published_at IS NOT NULL") == 1
                                           && await Sql.CountAsync(fees.DatabaseConnectionString, "inbox_messages", $"message_id = '{copy}'") == 1,
            TimeSpan.FromSeconds(30), "both redeliveries handled");

        Assert.Equal(1, await Sql.CountAsync(fees.DatabaseConnectionString, "public_income_entries", $"source_reference = 'parking:{session}'"));
    }
}
