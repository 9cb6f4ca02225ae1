using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Events;
using Platform.TestKit;

namespace Platform.Fees.Tests;

/// <summary>A fees host whose broker connection runs through a relay the test can freeze: a broker that accepts, never confirms.</summary>
public sealed class FrozenBrokerFeesHost : IAsyncLifetime
{
    private static readonly Uri Broker = new(TestInfrastructure.Settings.RabbitMq);

    public FreezableTcpProxy Relay { get; } = new(Broker.Host, Broker.Port);

    public ServiceHost<Api.Program> Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new ServiceHost<Api.Program>("fees", new Dictionary<string, string?>
        {
            ["PLATFORM_RABBITMQ"] = Relay.Rewrite(RunUsers.BrokerUri("fees")),
            ["Outbox:UnhealthyAfter"] = "00:00:02",
            ["Outbox:BrokerProbeTimeout"] = "00:00:01",
        });
        await Host.StartAsync();
        Client = Host.CreateHttpClient().WithToken(TestTokens.Registrar);
    }

    public async Task DisposeAsync()
    {
        Relay.Thaw();
        Client.Dispose();
        await Host.DisposeAsync();
        await Relay.DisposeAsync();
    }
}

/// <summary>
/// Readiness tells a broker that accepts connections but confirms nothing, and an outbox whose oldest row waits longer than
/// Outbox:UnhealthyAfter, each with its reason; both clear once the broker answers again.
/// </summary>
public sealed class BrokerFaultTests(FrozenBrokerFeesHost fees) : IClassFixture<FrozenBrokerFeesHost>
{
    [Fact]
    public async Task Readiness_reports_a_broker_that_accepts_connections_but_confirms_no_publish_until_it_answers_again()
    {
        await WaitForReadiness(report => report.Status == "Healthy", "ready before the freeze");

        fees.Relay.Freeze();
        try
        {
            var frozen = await WaitForReadiness(report => report.Check("broker") == "Unhealthy", "the frozen broker reported");
            Assert.Equal("Unhealthy", frozen.Status);
            Assert.Contains("confirm", frozen.Reason("broker"), StringComparison.Ordinal);
        }
        finally
        {
            fees.Relay.Thaw();
        }

        await WaitForReadiness(report => report.Status == "Healthy", "ready once the broker answers");
    }

    [Fact]
    public async Task Readiness_reports_an_outbox_row_older_than_the_threshold_with_count_and_age_until_it_is_published()
    {
        var community = Guid.NewGuid();
        await fees.Host.PublishAsync(new CommunityRegistered(community, "冻结小区", Guid.NewGuid(), null, 3, false, DateTimeOffset.UtcNow));
        await Eventually.Until(async () => await Count("registry_communities", $"id = '{community}'") == 1,
            TimeSpan.FromSeconds(30), "the community in fees' registry copy");
        var published = "type = 'Platform.Contracts.Events.PublicIncomeRecorded' "
                        + $"AND payload->>'communityId' = '{community}' AND published_at IS NOT NULL";

        fees.Relay.Freeze();
        try
        {
            var booked = await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/public-income",
                new { kind = "Income", source = "ElevatorAdvertising", amountFen = 10_000, description = "电梯广告费",
                    occurredOn = "2026-10-01" });
            Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

            var stale = await WaitForReadiness(report => report.Check("outbox") == "Unhealthy", "the waiting outbox row reported");
            Assert.Equal("Unhealthy", stale.Status);
            Assert.Matches(@"^1 unpublished event\(s\), the oldest waiting \d+ s", stale.Reason("outbox"));
            Assert.DoesNotContain("电梯", stale.Raw, StringComparison.Ordinal);
        }
        finally
        {
            fees.Relay.Thaw();
        }

        await Eventually.Until(async () => await Count("outbox_messages", published) == 1,
            TimeSpan.FromSeconds(30), "the row published once the broker answers");
        await WaitForReadiness(report => report.Check("outbox") == "Healthy" && report.Status == "Healthy", "ready once published");
    }

    private Task<long> Count(string table, string where) => Sql.CountAsync(fees.Host.DatabaseConnectionString, table, where);

    private async Task<Readiness> WaitForReadiness(Func<Readiness, bool> wanted, string what)
    {
        using var client = fees.Host.CreateHttpClient();
        Readiness last = null!;
        await Eventually.Until(async () => wanted(last = await Readiness.ReadAsync(client)), TimeSpan.FromSeconds(30), what);
        return last;
    }

    private sealed record Readiness(string Status, JsonElement Body, string Raw)
    {
        public static async Task<Readiness> ReadAsync(HttpClient client)
        {
            using var response = await client.GetAsync("/health/ready");
            var raw = await response.Content.ReadAsStringAsync();
            var body = JsonDocument.Parse(raw).RootElement.Clone();
            return new Readiness(body.GetProperty("status").GetString()!, body, raw);
        }

        public string? Check(string name) =>
            Body.GetProperty("checks").TryGetProperty(name, out var status) ? status.GetString() : null;

        public string Reason(string name) =>
            Body.TryGetProperty("reasons", out var reasons) && reasons.TryGetProperty(name, out var reason) ? reason.GetString() ?? "" : "";
    }
}
