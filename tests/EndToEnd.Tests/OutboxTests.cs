using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Hosting;
using Platform.Contracts.Events;
using Platform.Governance.Tests;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

/// <summary>design.md rule 4 against the real broker: nothing lost while it is down, nothing doubled after.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OutboxTests(PlatformFixture platform)
{
    [Fact]
    public async Task Registrations_succeed_while_the_broker_is_down_and_every_event_arrives_after_it_restarts()
    {
        var community = await platform.Registry.Community();
        var building = await platform.Registry.Building(community.Id);
        var owner = await platform.Registry.Person();
        var units = new List<Guid>();

        await TestInfrastructure.StopBrokerAsync();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                units.Add((await platform.Registry.Unit(community.Id, building.Id, owner.Id)).Id);
            }

            var pending = await Sql.CountAsync(platform.Governance.DatabaseConnectionString, "outbox_messages",
                $"published_at IS NULL AND payload->>'communityId' = '{community.Id}'");
            Assert.True(pending >= 10, $"expected the 5 units' events to wait in the outbox, found {pending}");
        }
        finally
        {
            await TestInfrastructure.StartBrokerAsync();
        }

        foreach (var unit in units)
        {
            await platform.UnitReachesEveryService(unit, TimeSpan.FromSeconds(90));
        }

        Assert.Equal(0, await Sql.CountAsync(platform.Governance.DatabaseConnectionString, "outbox_messages", "published_at IS NULL"));
    }

    [Fact]
    public async Task A_message_delivered_twice_is_handled_once_by_each_service()
    {
        var messageId = NewId.NextGuid();
        var unitId = Guid.NewGuid();
        var unitRegistered = new UnitRegistered(unitId, Guid.NewGuid(), Guid.NewGuid(), "9", "9-901", 66.60m, UnitUse.Residential, AreaSource.Survey, DateTimeOffset.UtcNow);
        var bus = platform.Governance.Services.GetRequiredService<IBus>();

        await bus.Publish(unitRegistered, context => context.MessageId = messageId);
        await bus.Publish(unitRegistered, context => context.MessageId = messageId);

        await platform.UnitReachesEveryService(unitId, TimeSpan.FromSeconds(30));
        await Eventually.Until(() => Task.FromResult(Handlings(messageId).Count == 2 * PlatformFixture.Consumers.Length), TimeSpan.FromSeconds(30), "both deliveries handled");
        foreach (var service in PlatformFixture.Consumers)
        {
            var handled = Handlings(messageId).Where(span => (string?)span.GetTagItem(PlatformTelemetry.ServiceTag) == service).ToList();
            Assert.Equal(1, handled.Count(span => span.GetTagItem("platform.inbox.duplicate") is null));
            Assert.Equal(1, handled.Count(span => span.GetTagItem("platform.inbox.duplicate") is true));
            Assert.Equal(1, await Sql.CountAsync(platform.ConsumerHosts[service].DatabaseConnectionString, "inbox_messages", $"message_id = '{messageId}'"));
        }
    }

    [Fact]
    public async Task Two_relays_on_one_outbox_publish_each_event_once()
    {
        await using var secondReplica = new ServiceHost<Governance.Api.Program>("governance", new Dictionary<string, string?>
        {
            ["ConnectionStrings:governance"] = platform.Governance.DatabaseConnectionString,
        });
        await secondReplica.StartAsync();
        var community = await platform.Registry.Community();
        var building = await platform.Registry.Building(community.Id);
        var owner = await platform.Registry.Person();

        var units = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            (await new RegistryClient(i % 2 == 0 ? platform.Client : secondReplica.CreateHttpClient().WithToken(TestTokens.Registrar)).Unit(community.Id, building.Id, owner.Id)).Id));

        foreach (var unit in units)
        {
            await platform.UnitReachesEveryService(unit, TimeSpan.FromSeconds(60));
        }

        var published = TestTelemetry.Spans
            .Where(span => span.DisplayName == $"outbox publish {nameof(UnitRegistered)}")
            .Select(span => (string)span.GetTagItem("messaging.message.id")!)
            .ToList();
        var ids = await OutboxIds(community.Id);
        Assert.Equal(units.Length, ids.Count);
        Assert.All(ids, id => Assert.Single(published, p => p == id));
        Assert.DoesNotContain(TestTelemetry.Spans, span => span.GetTagItem("platform.inbox.duplicate") is true && ids.Contains((string)span.GetTagItem("messaging.message.id")!));
    }

    private async Task<List<string>> OutboxIds(Guid communityId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(platform.Governance.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"SELECT id::text FROM outbox_messages WHERE type = 'Platform.Contracts.Events.UnitRegistered' AND payload->>'communityId' = '{communityId}'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static List<Activity> Handlings(Guid messageId) =>
        TestTelemetry.Spans
            .Where(span => span.DisplayName.EndsWith($"handle {nameof(UnitRegistered)}", StringComparison.Ordinal)
                           && (string?)span.GetTagItem("messaging.message.id") == messageId.ToString())
            .ToList();
}
