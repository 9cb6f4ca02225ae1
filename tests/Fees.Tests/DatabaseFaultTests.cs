using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.TestKit;

namespace Platform.Fees.Tests;

/// <summary>
/// A database that refuses connections (a restart, a failover) is a fault the client can retry: 503 with Retry-After and a
/// problem, nothing written, and the retry with the same Idempotency-Key applied once. Only this host's database refuses;
/// the shared server runs on.
/// </summary>
public sealed class DatabaseFaultTests(FeesHost fees) : IClassFixture<FeesHost>
{
    [Fact]
    public async Task While_the_database_refuses_connections_a_write_and_a_read_are_503_with_Retry_After_and_a_retry_applies_once()
    {
        var community = await fees.Community();
        var income = $"/api/fees/v1/communities/{community}/public-income";
        var body = new
        {
            kind = "Income", source = "ElevatorAdvertising", amountFen = 10_000, description = "电梯广告费", occurredOn = "2026-10-01",
        };
        Assert.Equal(HttpStatusCode.Created, (await Send(income, body, "before-the-fault")).StatusCode);

        HttpResponseMessage write;
        HttpResponseMessage read;
        await RefuseConnectionsAsync(true);
        try
        {
            write = await Send(income, body, "during-the-fault");
            read = await fees.Client.GetAsync(income);
        }
        finally
        {
            await RefuseConnectionsAsync(false);
        }

        foreach (var response in new[] { write, read })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {response.Headers.RetryAfter}");
            Assert.Equal(ProblemTypes.ServiceUnavailable, (await ProblemResponse.ReadAsync(response)).Type);
        }

        // A client retries after Retry-After; connections the fault broke may still fail once or twice on the way.
        HttpResponseMessage retried = null!;
        await Eventually.Until(
            async () => (retried = await Send(income, body, "during-the-fault")).StatusCode != HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(30), "the database answers again");
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.False(retried.Headers.Contains(AuditedCommandFilter.ReplayedHeader), "the failed attempt stored no answer to replay");
        var repeated = await Send(income, body, "during-the-fault");
        Assert.Equal(HttpStatusCode.Created, repeated.StatusCode);
        Assert.True(repeated.Headers.Contains(AuditedCommandFilter.ReplayedHeader));
        Assert.Equal(2, await Sql.CountAsync(fees.Host.DatabaseConnectionString, "public_income_entries", $"community_id = '{community}'"));
        Assert.Equal(2, await Sql.CountAsync(fees.Host.DatabaseConnectionString, "outbox_messages",
            $"type = 'Platform.Contracts.Events.PublicIncomeRecorded' AND payload->>'communityId' = '{community}'"));
    }

    private Task<HttpResponseMessage> Send(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(AuditedCommandFilter.IdempotencyHeader, key);
        return fees.Client.SendAsync(request);
    }

    /// <summary>As the servers' administrator: this host's database takes no new connections and loses its open ones.</summary>
    private async Task RefuseConnectionsAsync(bool refuse)
    {
        await using var connection = new NpgsqlConnection(TestInfrastructure.Settings.Postgres);
        await connection.OpenAsync();
        var database = fees.Host.DatabaseName;
        var allow = refuse ? "false" : "true";
        await using var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS {allow}", connection);
        await alter.ExecuteNonQueryAsync();
        if (refuse)
        {
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", connection)
            {
                Parameters = { new() { Value = database } },
            };
            await terminate.ExecuteScalarAsync();
        }
    }
}
