using System.Net.Http.Json;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Registry;
using Platform.Contracts.Events;
using Platform.TestKit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using StackExchange.Redis;

namespace Platform.Fees.Tests;

/// <summary>
/// One foothold must not change access everywhere (design.md rule 9): a host speaks on the broker and in Redis as its own
/// service's user, which may publish only its own events, may not claim another user, and reaches only its own keys.
/// </summary>
public sealed class ServiceUserTests(FeesHost fees) : IClassFixture<FeesHost>
{
    private const string AssignmentExchange = "governance.Platform.Contracts.Events:PropertyCompanyAssigned";

    [Fact]
    public async Task A_company_assignment_sent_by_another_services_user_is_not_applied_to_the_registry_copy()
    {
        var company = Guid.NewGuid();
        var community = await fees.Community(propertyCompanyId: company);
        var bus = fees.Host.Services.GetRequiredService<IBus>();
        var consumed = new ConsumedCounter<PropertyCompanyAssigned>();
        using var observing = bus.ConnectConsumeObserver(consumed);

        // Fees' own user may send to its own queue; the message then claims to be governance's assignment.
        var queue = await bus.GetSendEndpoint(new Uri($"exchange:{fees.Host.QueueName}"));
        await queue.Send(new PropertyCompanyAssigned(community, Guid.NewGuid(), company, new DateOnly(2026, 1, 1), DateTimeOffset.UtcNow));

        await Eventually.Until(() => Task.FromResult(consumed.Count >= 1), TimeSpan.FromSeconds(30), "the forged assignment delivered");
        var copy = (await fees.Client.GetFromJsonAsync<List<RegistryCommunityResponse>>("/api/fees/v1/registry/communities", FeesHost.Json))!;
        Assert.Equal(company, copy.Single(c => c.Id == community).PropertyCompanyId);
    }

    [Fact]
    public async Task A_services_broker_user_cannot_publish_to_another_services_event_exchange()
    {
        await using var connection = await Connect("fees");
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));

        var refused = await Assert.ThrowsAnyAsync<OperationInterruptedException>(() =>
            channel.BasicPublishAsync(AssignmentExchange, "", true, new BasicProperties(), Encoding.UTF8.GetBytes("{}")).AsTask());
        Assert.Equal((ushort)403, refused.ShutdownReason?.ReplyCode);
    }

    [Fact]
    public async Task The_broker_refuses_a_message_whose_user_id_is_not_the_connections_user()
    {
        await using var connection = await Connect("fees");
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        var forged = new BasicProperties { UserId = RunUsers.UserOf("governance") };

        var refused = await Assert.ThrowsAnyAsync<OperationInterruptedException>(() =>
            channel.BasicPublishAsync(fees.Host.QueueName, "", true, forged, Encoding.UTF8.GetBytes("{}")).AsTask());
        Assert.Equal((ushort)406, refused.ShutdownReason?.ReplyCode);
    }

    [Fact]
    public async Task A_services_redis_user_can_neither_read_nor_delete_another_services_keys_nor_mark_a_client_revoked()
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(TestInfrastructure.Settings.Redis);
        var parkingKey = $"parking:occupancy:{Guid.NewGuid()}";
        await admin.GetDatabase().StringSetAsync(parkingKey, 7, TimeSpan.FromMinutes(1));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RunUsers.Redis("fees"));
        var db = redis.GetDatabase();

        await db.StringSetAsync($"fees:probe:{Guid.NewGuid()}", 1, TimeSpan.FromMinutes(1));
        Assert.Contains("NOPERM", (await Assert.ThrowsAsync<RedisServerException>(() => db.StringGetAsync(parkingKey))).Message);
        Assert.Contains("NOPERM", (await Assert.ThrowsAsync<RedisServerException>(() => db.KeyDeleteAsync(parkingKey))).Message);
        Assert.Contains("NOPERM", (await Assert.ThrowsAsync<RedisServerException>(
            () => db.StringSetAsync($"identity:revocations:{Guid.NewGuid()}", "1"))).Message);
        Assert.Equal(7, (int)await admin.GetDatabase().StringGetAsync(parkingKey));
        await admin.GetDatabase().KeyDeleteAsync(parkingKey);
    }

    private static Task<IConnection> Connect(string service) =>
        new ConnectionFactory { Uri = new Uri(RunUsers.BrokerUri(service)) }.CreateConnectionAsync();
}
