using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.TestKit;
using Xunit;

namespace Platform.Parking.Tests;

/// <summary>Vehicles in fire lanes and on walkways: the holder told, the Police after the deadline, counts for the bureau.</summary>
public sealed class ViolationTests(ParkingHost parking) : IClassFixture<ParkingHost>
{
    private const string Api = ParkingHost.Api;

    [Fact]
    public async Task A_violation_notifies_the_registered_holder_and_goes_to_the_police_when_not_cleared_in_time()
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        using var company = parking.Company(companyId);
        var owner = Guid.NewGuid();
        var unit = await parking.Owner(community, owner);
        var plate = Plates.Next();
        await company.PostAsJsonAsync($"{Api}/communities/{community}/vehicles", new { plate, holder = "Owner", ownerId = owner, unitId = unit });
        object Report(string p) => new { kind = "FireLane", location = "3 号楼东侧消防通道", plate = p, photoReference = "photos/2026/11/28/0001.jpg", reporter = "保安李某" };

        var reported = await (await company.PostAsJsonAsync($"{Api}/communities/{community}/violations", Report(plate))).Content.ReadFromJsonAsync<JsonElement>();
        var cleared = await (await company.PostAsJsonAsync($"{Api}/communities/{community}/violations", Report(Plates.Next()))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, (await company.PostAsync($"{Api}/violations/{cleared.GetProperty("id").GetGuid()}/clearance", null)).StatusCode);

        Assert.Equal(owner, reported.GetProperty("notifiedOwnerId").GetGuid());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("notifiedOwnerId").ValueKind);
        parking.Host.Clock.Advance(TimeSpan.FromHours(25));
        try
        {
            await Eventually.Until(async () => await Sql.CountAsync(parking.Database, "parking_violations", $"community_id = '{community}' AND escalated_at IS NOT NULL") == 1,
                TimeSpan.FromSeconds(10), "the violation escalated");
        }
        finally
        {
            parking.Host.Clock.Reset();
        }

        Assert.Equal(1, await Sql.CountAsync(parking.Database, "outbox_messages", $"type LIKE '%ParkingViolationEscalated' AND payload->>'communityId' = '{community}'"));
        Assert.Equal(0, await Sql.CountAsync(parking.Database, "outbox_messages", $"type LIKE '%ParkingViolation%' AND payload::text LIKE '%{plate[2..]}%'"));
        using var police = parking.Police;
        var today = CountyCalendar.Today.ToString("yyyy-MM-dd");
        var counts = await police.GetFromJsonAsync<JsonElement>($"{Api}/violation-counts?from={today}&to={today}");
        var ours = counts.EnumerateArray().Single(c => c.GetProperty("communityId").GetGuid() == community);
        Assert.Equal((2, 1, 1, 0), (ours.GetProperty("reported").GetInt32(), ours.GetProperty("cleared").GetInt32(), ours.GetProperty("escalated").GetInt32(), ours.GetProperty("open").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, (await company.GetAsync($"{Api}/violation-counts?from={today}&to={today}")).StatusCode);
    }

    [Fact]
    public async Task The_police_list_escalated_violations_across_communities_newest_first_a_page_at_a_time()
    {
        var (companyA, companyB) = (Guid.NewGuid(), Guid.NewGuid());
        var (communityA, communityB) = (await parking.Community(companyA), await parking.Community(companyB));
        using var a = parking.Company(companyA);
        using var b = parking.Company(companyB);
        var plates = new[] { Plates.Next(), Plates.Next(), Plates.Next() };
        async Task<Guid> Report(HttpClient client, Guid community, string plate)
        {
            var response = await client.PostAsJsonAsync($"{Api}/communities/{community}/violations",
                new { kind = "Walkway", location = "南门人行道", plate, photoReference = "photos/w.jpg", reporter = "保安" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        var first = await Report(a, communityA, plates[0]);
        var second = await Report(b, communityB, plates[1]);
        var cleared = await Report(a, communityA, plates[2]);
        Assert.Equal(HttpStatusCode.OK, (await a.PostAsync($"{Api}/violations/{cleared}/clearance", null)).StatusCode);
        parking.Host.Clock.Advance(TimeSpan.FromHours(25));
        try
        {
            await Eventually.Until(async () => await Sql.CountAsync(parking.Database, "parking_violations",
                $"id IN ('{first}', '{second}') AND escalated_at IS NOT NULL") == 2, TimeSpan.FromSeconds(10), "both violations escalated");
        }
        finally
        {
            parking.Host.Clock.Reset();
        }

        using var police = parking.Police;
        var today = CountyCalendar.Today.ToString("yyyy-MM-dd");
        var query = $"{Api}/violations?status=Escalated&from={today}&to={today}";
        var all = await police.GetFromJsonAsync<JsonElement>($"{query}&limit=500");
        var pageTwo = await police.GetFromJsonAsync<JsonElement>($"{query}&offset=1&limit=1");
        var everyStatus = await parking.County.GetFromJsonAsync<JsonElement>($"{Api}/violations?from={today}&to={today}&limit=500");
        var fromCompany = await a.GetAsync(query);

        var items = all.GetProperty("items").EnumerateArray().ToList();
        var ours = items.Where(v => v.GetProperty("id").GetGuid() == first || v.GetProperty("id").GetGuid() == second).ToList();
        // Newest first, each with what an officer needs: where, which plate, when reported and handed over.
        Assert.Equal([second, first], ours.Select(v => v.GetProperty("id").GetGuid()));
        Assert.Equal([communityB, communityA], ours.Select(v => v.GetProperty("communityId").GetGuid()));
        Assert.Equal([plates[1], plates[0]], ours.Select(v => v.GetProperty("plate").GetString()));
        Assert.All(ours, v => Assert.StartsWith("小区", v.GetProperty("communityName").GetString()));
        Assert.All(ours, v => Assert.Equal("南门人行道", v.GetProperty("location").GetString()));
        Assert.All(ours, v =>
            Assert.True(v.GetProperty("escalatedAt").GetDateTimeOffset() > v.GetProperty("reportedAt").GetDateTimeOffset()));
        Assert.All(items, v => Assert.Equal("Escalated", v.GetProperty("status").GetString()));
        Assert.DoesNotContain(items, v => v.GetProperty("id").GetGuid() == cleared);
        Assert.Equal(items.Count, all.GetProperty("total").GetInt32());
        Assert.Equal(items[1].GetProperty("id").GetGuid(), pageTwo.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(1, pageTwo.GetProperty("items").GetArrayLength());
        Assert.Equal((items.Count, 1, 1),
            (pageTwo.GetProperty("total").GetInt32(), pageTwo.GetProperty("offset").GetInt32(), pageTwo.GetProperty("limit").GetInt32()));
        Assert.Contains(everyStatus.GetProperty("items").EnumerateArray(),
            v => v.GetProperty("id").GetGuid() == cleared && v.GetProperty("status").GetString() == "Cleared");
        // County departments only: a company reads its own community's list, never the county's.
        Assert.Equal(HttpStatusCode.Forbidden, fromCompany.StatusCode);
    }

    [Theory]
    [InlineData("status=Towed", "status")]
    [InlineData("status=1", "status")]
    [InlineData("offset=-1", "offset")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-02-01&to=2026-01-01", "to")]
    [InlineData("to=9999-12-31", "to")]
    public async Task A_bad_violation_list_query_is_refused_naming_the_field(string query, string field)
    {
        using var police = parking.Police;

        var response = await police.GetAsync($"{Api}/violations?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
    }

    [Fact]
    public async Task Violation_counts_take_their_dates_in_the_county_zone()
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        using var company = parking.Company(companyId);
        using var police = parking.Police;
        // 00:30 on 11 March in Beijing is still 10 March in UTC.
        parking.Host.Clock.SetTo(new DateTimeOffset(2026, 3, 10, 16, 30, 0, TimeSpan.Zero));
        try
        {
            var report = new { kind = "FireLane", location = "1 号楼消防通道", plate = Plates.Next(), photoReference = "photos/1.jpg", reporter = "保安" };
            Assert.Equal(HttpStatusCode.Created, (await company.PostAsJsonAsync($"{Api}/communities/{community}/violations", report)).StatusCode);
        }
        finally
        {
            parking.Host.Clock.Reset();
        }

        async Task<int> ReportedOn(string day) =>
            (await police.GetFromJsonAsync<JsonElement>($"{Api}/violation-counts?from={day}&to={day}")).EnumerateArray()
                .Where(c => c.GetProperty("communityId").GetGuid() == community).Sum(c => c.GetProperty("reported").GetInt32());

        Assert.Equal((0, 1), (await ReportedOn("2026-03-10"), await ReportedOn("2026-03-11")));
    }

    [Theory]
    [InlineData("to=2026-01-01", "from")]
    [InlineData("from=2026-01-01", "to")]
    [InlineData("from=2026-02-01&to=2026-01-01", "to")]
    [InlineData("from=2026-01-01&to=9999-12-31", "to")]
    [InlineData("from=0001-01-01&to=2026-01-01", "from")]
    public async Task A_bad_violation_count_query_is_refused_naming_the_field(string query, string field)
    {
        using var police = parking.Police;

        var response = await police.GetAsync($"{Api}/violation-counts?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
    }

    [Fact]
    public async Task A_report_without_its_evidence_is_refused_naming_each_field()
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        using var company = parking.Company(companyId);

        var response = await company.PostAsJsonAsync($"{Api}/communities/{community}/violations", new { plate = "123" });

        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(["kind", "location", "photoReference", "plate", "reporter"], problem.Errors!.Keys.Order());
        Assert.Equal(0, await Sql.CountAsync(parking.Database, "parking_violations", $"community_id = '{community}'"));
    }
}
