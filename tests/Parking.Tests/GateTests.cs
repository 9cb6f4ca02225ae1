using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.TestKit;
using Xunit;

namespace Platform.Parking.Tests;

/// <summary>Gate decisions over REST: who is let in, what a visitor pays, repeats, and bad events.</summary>
public sealed class GateTests(ParkingHost parking) : IClassFixture<ParkingHost>
{
    private const string Api = ParkingHost.Api;

    private async Task<(Guid Community, HttpClient Company, Guid Lot)> CommunityWithLot(string visitorSpaces = "OwnersCommon")
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        var company = parking.Company(companyId);
        var lot = (await parking.Lot(company, community, visitorSpaces)).GetProperty("id").GetGuid();
        return (community, company, lot);
    }

    private DateTimeOffset Now => parking.Host.Clock.GetUtcNow();

    [Fact]
    public async Task A_registered_vehicle_enters_and_leaves_without_a_fee()
    {
        var (community, company, lot) = await CommunityWithLot();
        var owner = Guid.NewGuid();
        var unit = await parking.Owner(community, owner);
        var plate = Plates.Next();
        Assert.Equal(HttpStatusCode.Created, (await company.PostAsJsonAsync($"{Api}/communities/{community}/vehicles",
            new { plate = plate.Insert(2, "·"), holder = "Owner", ownerId = owner, unitId = unit })).StatusCode);

        var entry = await parking.Decision(company, lot, plate, "Entry", Now.AddHours(-5));
        var exit = await parking.Decision(company, lot, plate, "Exit", Now);

        Assert.Equal(("open", "registered"), (entry.GetProperty("decision").GetString(), entry.GetProperty("reason").GetString()));
        Assert.Equal(("open", "registered", 0L), (exit.GetProperty("decision").GetString(), exit.GetProperty("reason").GetString(), exit.GetProperty("feeFen").GetInt64()));
        Assert.Equal(0, await Sql.CountAsync(parking.Database, "outbox_messages", $"type LIKE '%ParkingRevenueRecorded' AND payload->>'lotId' = '{lot}'"));
    }

    [Theory]
    [InlineData(15 * 60, 0, "free_period")]
    [InlineData(15 * 60 + 1, 500, "paid")]
    [InlineData(24 * 3600, 3000, "paid")]
    [InlineData(24 * 3600 + 60, 3500, "paid")]
    public async Task A_visitor_pays_by_the_lots_tariff_at_exit_and_it_is_public_income_on_owners_common_spaces(int seconds, long feeFen, string reason)
    {
        var (community, company, lot) = await CommunityWithLot();
        var plate = Plates.Next();
        var entered = Now.AddSeconds(-seconds);

        var entry = await parking.Decision(company, lot, plate, "Entry", entered);
        var exit = await parking.Decision(company, lot, plate, "Exit", entered.AddSeconds(seconds));

        Assert.Equal("visitor", entry.GetProperty("reason").GetString());
        Assert.Equal(feeFen, exit.GetProperty("feeFen").GetInt64());
        Assert.Equal(reason, exit.GetProperty("reason").GetString());
        Assert.Equal(entry.GetProperty("sessionId").GetGuid(), exit.GetProperty("sessionId").GetGuid());
        var revenue = $"type LIKE '%ParkingRevenueRecorded' AND payload->>'revenueId' = '{exit.GetProperty("sessionId").GetGuid()}'";
        Assert.Equal(feeFen > 0 ? 1 : 0, await Sql.CountAsync(parking.Database, "outbox_messages", revenue));
        if (feeFen > 0)
        {
            Assert.Equal(1, await Sql.CountAsync(parking.Database, "outbox_messages",
                $"{revenue} AND payload->>'onOwnersCommonSpaces' = 'true' AND payload->>'amountFen' = '{feeFen}' AND payload->>'communityId' = '{community}'"));
        }
    }

    [Fact]
    public async Task A_visitors_fee_on_the_operators_spaces_is_not_public_income()
    {
        var (_, company, lot) = await CommunityWithLot(visitorSpaces: "DeveloperUnsold");
        var plate = Plates.Next();
        // One reading of the clock: two could straddle a second and make the stay 2 h 1 s, a third begun hour.
        var now = Now;

        await parking.Decision(company, lot, plate, "Entry", now.AddHours(-2));
        var exit = await parking.Decision(company, lot, plate, "Exit", now);

        Assert.Equal(1000, exit.GetProperty("feeFen").GetInt64());
        Assert.Equal(1, await Sql.CountAsync(parking.Database, "outbox_messages",
            $"type LIKE '%ParkingRevenueRecorded' AND payload->>'lotId' = '{lot}' AND payload->>'onOwnersCommonSpaces' = 'false'"));
    }

    [Fact]
    public async Task A_gates_repeat_within_the_window_gets_the_first_decision_and_writes_nothing()
    {
        var (_, company, lot) = await CommunityWithLot();
        var plate = Plates.Next();
        var at = Now.AddMinutes(-10);

        var first = await parking.Decision(company, lot, plate, "Entry", at);
        var repeats = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => parking.Decision(company, lot, plate.ToLowerInvariant(), "Entry", at.AddSeconds(i * 5))));
        var otherGate = await parking.Decision(company, lot, plate, "Entry", at.AddSeconds(3), gateId: "west-2");

        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.All(repeats, r =>
        {
            Assert.True(r.GetProperty("duplicate").GetBoolean());
            Assert.Equal(first.GetProperty("sessionId").GetGuid(), r.GetProperty("sessionId").GetGuid());
        });
        Assert.Equal("already_inside", otherGate.GetProperty("reason").GetString());
        Assert.Equal(2, await Sql.CountAsync(parking.Database, "gate_events", $"lot_id = '{lot}'"));
        Assert.Equal(1, await Sql.CountAsync(parking.Database, "parking_sessions", $"lot_id = '{lot}'"));
    }

    [Fact]
    public async Task A_blacklisted_plate_is_refused()
    {
        var (community, company, lot) = await CommunityWithLot();
        var plate = Plates.Next();
        Assert.Equal(HttpStatusCode.Created, (await company.PostAsJsonAsync($"{Api}/communities/{community}/plate-blacklist", new { plate, reason = "多次占用消防通道" })).StatusCode);

        var entry = await parking.Decision(company, lot, plate, "Entry", Now);

        Assert.Equal(("refuse", "blacklisted"), (entry.GetProperty("decision").GetString(), entry.GetProperty("reason").GetString()));
        Assert.Equal(0, await Sql.CountAsync(parking.Database, "parking_sessions", $"lot_id = '{lot}'"));
    }

    [Fact]
    public async Task Bad_gate_events_get_a_problem_naming_the_reason_and_write_nothing()
    {
        var (_, company, lot) = await CommunityWithLot();

        var unknownLot = await parking.Gate(company, Guid.NewGuid(), Plates.Next(), "Entry", Now);
        var malformed = await parking.Gate(company, lot, "粤B12", "Entry", Now);
        var noEntry = await parking.Gate(company, lot, Plates.Next(), "Exit", Now);
        var future = await parking.Gate(company, lot, Plates.Next(), "Entry", Now.AddMinutes(10));
        var ancient = await parking.Gate(company, lot, Plates.Next(), "Entry", Now.AddDays(-30));
        var missing = await company.PostAsJsonAsync($"{Api}/lots/{lot}/gate-events", new { plate = Plates.Next() });
        var plate = Plates.Next();
        await parking.Decision(company, lot, plate, "Entry", Now.AddMinutes(-5));
        var beforeEntry = await parking.Gate(company, lot, plate, "Exit", Now.AddMinutes(-6));

        Assert.Equal(HttpStatusCode.NotFound, unknownLot.StatusCode);
        Assert.Equal(["plate"], (await ProblemResponse.ReadAsync(malformed)).Errors!.Keys);
        Assert.Equal(HttpStatusCode.Conflict, noEntry.StatusCode);
        Assert.EndsWith("/no_entry", (await ProblemResponse.ReadAsync(noEntry)).Type);
        Assert.Equal(["at"], (await ProblemResponse.ReadAsync(future)).Errors!.Keys);
        Assert.Equal(["at"], (await ProblemResponse.ReadAsync(ancient)).Errors!.Keys);
        Assert.Equal(["at", "direction", "gateId"], (await ProblemResponse.ReadAsync(missing)).Errors!.Keys.Order());
        Assert.EndsWith("/exit_before_entry", (await ProblemResponse.ReadAsync(beforeEntry)).Type);
        Assert.Equal(1, await Sql.CountAsync(parking.Database, "gate_events", $"lot_id = '{lot}'"));
        Assert.Equal(1, await Sql.CountAsync(parking.Database, "parking_sessions", $"lot_id = '{lot}'"));
    }

    [Fact]
    public async Task Only_the_lots_operator_and_company_decide_at_its_gates_not_the_housing_bureau()
    {
        var operatorId = Guid.NewGuid();
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        using var company = parking.Company(companyId);
        var lot = (await parking.Lot(company, community, operatorId: operatorId)).GetProperty("id").GetGuid();
        using var own = parking.Operator(operatorId);
        using var other = parking.Operator(Guid.NewGuid());

        Assert.Equal(HttpStatusCode.OK, (await parking.Gate(own, lot, Plates.Next(), "Entry", Now)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await parking.Gate(company, lot, Plates.Next(), "Entry", Now)).StatusCode);
        // The bureau runs parking county-wide (parking.write) but gates are the company's and operators' (parking.gates).
        Assert.Equal(HttpStatusCode.Forbidden, (await parking.Gate(parking.County, lot, Plates.Next(), "Entry", Now)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parking.Gate(other, lot, Plates.Next(), "Entry", Now)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parking.Gate(parking.Company(Guid.NewGuid()), lot, Plates.Next(), "Entry", Now)).StatusCode);
        // The operator runs the gates; the community's vehicles and waiting list are not its to read.
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync($"{Api}/communities/{community}/vehicles")).StatusCode);
    }

    [Fact]
    public async Task Utilisation_is_occupied_space_hours_over_available_ones_in_the_window()
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        using var company = parking.Company(companyId);
        var lot = (await parking.Lot(company, community, capacity: 10)).GetProperty("id").GetGuid();
        var end = Now;
        var start = end.AddHours(-10);
        await parking.Decision(company, lot, Plates.Next(), "Entry", start.AddHours(-2)); // inside all 10 hours
        var plate = Plates.Next();
        await parking.Decision(company, lot, plate, "Entry", start.AddHours(1));
        await parking.Decision(company, lot, plate, "Exit", start.AddHours(5)); // 4 hours

        var utilisation = await company.GetFromJsonAsync<JsonElement>($"{Api}/lots/{lot}/utilisation?from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(end.ToString("O"))}");

        Assert.Equal(14m, utilisation.GetProperty("occupiedSpaceHours").GetDecimal());
        Assert.Equal(100m, utilisation.GetProperty("availableSpaceHours").GetDecimal());
        Assert.Equal(0.14m, utilisation.GetProperty("utilisation").GetDecimal());
    }
}
