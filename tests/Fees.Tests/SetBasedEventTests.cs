using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.Fees.Api.Billing;
using Platform.Fees.Api.Infrastructure;
using Platform.Fees.Api.Standards;
using Platform.TestKit;

namespace Platform.Fees.Tests;

/// <summary>
/// The events the bill run and the adjustments write in one SQL statement (<see cref="OutboxInsert{TEvent}"/>): each row,
/// read back as the relay reads it, is the event its bill or adjustment announces, in the very JSON the EF path writes,
/// with the request's trace context and a UUID v7 id.
/// </summary>
public sealed class SetBasedEventTests(FeesHost fees) : IClassFixture<FeesHost>
{
    private static int _year = 2060;

    [Fact]
    public async Task Every_BillIssued_row_of_a_bill_run_reads_back_through_the_relay_as_its_bill_in_the_EF_paths_json()
    {
        var (community, year) = await PricedCommunity();
        var developer = Guid.NewGuid();
        await fees.Unit(community, Guid.NewGuid(), 100.01m);
        await fees.Unit(community, developer, 45.5m, developer: true);
        await fees.Unit(community, developer, 12.5m, UnitUse.ParkingSpace); // no parking standard: not billed
        await Send(HttpMethod.Post, $"/api/fees/v1/communities/{community}/bill-runs", new { period = $"{year}-03" });

        var expected = await Rows(community, """
            SELECT id, unit_id, community_id, period, payer_owner_id, amount_fen, issued_at FROM bills WHERE community_id = @community
            """, r => new BillIssued(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.GetGuid(4), r.GetInt64(5),
            r.GetFieldValue<DateTimeOffset>(6)));
        var written = await OutboxRows<BillIssued>(community);

        Assert.Equal(2, expected.Count);
        Assert.Equal(expected.OrderBy(e => e.BillId), written.Select(w => w.Event with { OccurredAt = Microseconds(w.Event.OccurredAt) })
            .OrderBy(e => e.BillId));
        Assert.All(written, w => AssertSameJsonAsTheEfPath(w.Event, w.Payload));
    }

    [Fact]
    public async Task Every_BillAdjusted_row_reads_back_through_the_relay_as_its_adjustment_in_the_EF_paths_json()
    {
        var (community, year) = await PricedCommunity();
        await fees.Unit(community, Guid.NewGuid(), 100.01m);
        await fees.Unit(community, Guid.NewGuid(), 33.33m);
        await Send(HttpMethod.Post, $"/api/fees/v1/communities/{community}/bill-runs", new { period = $"{year}-03" });
        await Send(HttpMethod.Post, $"/api/fees/v1/communities/{community}/bill-runs", new { period = $"{year}-04" });
        var standard = await SetStandard(community, 160, $"{year}-03");

        var reason = $"fee standard {standard.Standard.Id} from {year}-03";
        var expected = await Rows(community, """
            SELECT a.id, a.bill_id, a.unit_id, a.community_id, a.period, a.amount_fen, f.set_at
            FROM bill_adjustments a JOIN fee_standards f ON f.id = a.fee_standard_id WHERE a.community_id = @community
            """, r => new BillAdjusted(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetGuid(3), r.GetString(4), r.GetInt64(5), reason,
            r.GetFieldValue<DateTimeOffset>(6)));
        var written = await OutboxRows<BillAdjusted>(community);

        Assert.Equal(4, expected.Count); // two units, two months
        Assert.Equal(standard.BillsAdjusted, expected.Count);
        Assert.Equal(expected.OrderBy(e => e.AdjustmentId), written
            .Select(w => w.Event with { OccurredAt = Microseconds(w.Event.OccurredAt) }).OrderBy(e => e.AdjustmentId));
        Assert.All(written, w => AssertSameJsonAsTheEfPath(w.Event, w.Payload));
    }

    [Fact]
    public async Task Set_based_event_rows_carry_the_requests_trace_context_and_UUID_v7_ids_stamped_with_their_time()
    {
        var (community, year) = await PricedCommunity();
        await fees.Unit(community, Guid.NewGuid(), 100.01m);
        await fees.Unit(community, Guid.NewGuid(), 33.33m);
        var billRunTrace = await InATrace(() => Send(HttpMethod.Post, $"/api/fees/v1/communities/{community}/bill-runs",
            new { period = $"{year}-05" }));
        var adjustmentTrace = await InATrace(() => SetStandard(community, 160, $"{year}-05"));

        var rows = (await OutboxRows<BillIssued>(community)).Select(w => (w.Row, Trace: billRunTrace))
            .Concat((await OutboxRows<BillAdjusted>(community)).Select(w => (w.Row, Trace: adjustmentTrace))).ToList();

        Assert.Equal(4, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.True(ActivityContext.TryParse(r.Row.TraceParent, r.Row.TraceState, out var context),
                $"traceparent '{r.Row.TraceParent}'");
            Assert.Equal(r.Trace, context.TraceId);
            Assert.Equal(7, r.Row.Id.Version);
            Assert.Equal(r.Row.OccurredAt.ToUnixTimeMilliseconds(), Convert.ToInt64(r.Row.Id.ToString("N")[..12], 16));
        });
        Assert.Equal(4, rows.Select(r => r.Row.Id).Distinct().Count());
    }

    /// <summary>What <see cref="OutboxMessage.Create"/> would write for the event, as JSON values (jsonb keeps no key order).</summary>
    private static void AssertSameJsonAsTheEfPath<TEvent>(TEvent integrationEvent, string payload)
    {
        var efPath = JsonSerializer.Serialize(integrationEvent, EventJson.Options);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(efPath), JsonNode.Parse(payload)), $"{efPath} written as {payload}");
    }

    /// <summary>A community's outbox rows of one event type, read as the relay reads them and made events as it does.</summary>
    private async Task<List<(OutboxMessage Row, TEvent Event, string Payload)>> OutboxRows<TEvent>(Guid community)
    {
        await using var scope = fees.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FeesDbContext>();
        var type = typeof(TEvent).FullName!;
        var rows = await db.OutboxMessages
            .FromSql($"SELECT * FROM outbox_messages WHERE type = {type} AND payload->>'communityId' = {community.ToString()}")
            .AsNoTracking().ToListAsync();
        return [.. rows.Select(row => (row, Assert.IsType<TEvent>(EventJson.Deserialize(row.Type, row.Payload)), row.Payload))];
    }

    private async Task<List<T>> Rows<T>(Guid community, string query, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(fees.Host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(query, connection) { Parameters = { new("community", community) } };
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>PostgreSQL keeps instants to the microsecond; the payload keeps the clock's ticks.</summary>
    private static DateTimeOffset Microseconds(DateTimeOffset instant) => instant.AddTicks(-(instant.UtcTicks % 10));

    private async Task<(Guid Community, int Year)> PricedCommunity()
    {
        var year = Interlocked.Increment(ref _year);
        using var pricing = fees.As(TestTokens.WithDefaults(OrganisationTypes.DevelopmentAndReform));
        Assert.Equal(HttpStatusCode.Created, (await pricing.PostAsJsonAsync("/api/fees/v1/price-bands",
            new { year, starLevel = 3, use = "Residential", baseFen = 150, floatPercent = 20 })).StatusCode);
        var community = await fees.Community(starLevel: 3);
        await SetStandard(community, 150, $"{year}-01");
        return (community, year);
    }

    private async Task<SetFeeStandardResponse> SetStandard(Guid community, long rateFen, string effectiveFrom)
    {
        var response = await Send(HttpMethod.Post, $"/api/fees/v1/communities/{community}/fee-standards",
            new { use = "Residential", rateFen, effectiveFrom, reason = "住建局备案：业主大会同意调整已出账月份的收费标准" });
        return (await response.Content.ReadFromJsonAsync<SetFeeStandardResponse>(FeesHost.Json))!;
    }

    /// <summary>Runs <paramref name="request"/> in a trace of its own, as a caller does; HttpClient sends it as the traceparent header.</summary>
    private static async Task<ActivityTraceId> InATrace(Func<Task> request)
    {
        using var caller = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();
        await request();
        return caller.TraceId;
    }

    /// <summary>A write that must succeed.</summary>
    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        var response = await fees.Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response;
    }
}
