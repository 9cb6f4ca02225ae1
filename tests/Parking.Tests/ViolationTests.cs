using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.BuildingBlocks.Security;
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
        using var police = parking.As(TestTokens.For(OrganisationTypes.Police, null, Scopes.ParkingRead));
        var today = CountyCalendar.Today.ToString("yyyy-MM-dd");
        var counts = await police.GetFromJsonAsync<JsonElement>($"{Api}/violation-counts?from={today}&to={today}");
        var ours = counts.EnumerateArray().Single(c => c.GetProperty("communityId").GetGuid() == community);
        Assert.Equal((2, 1, 1, 0), (ours.GetProperty("reported").GetInt32(), ours.GetProperty("cleared").GetInt32(), ours.GetProperty("escalated").GetInt32(), ours.GetProperty("open").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, (await company.GetAsync($"{Api}/violation-counts?from={today}&to={today}")).StatusCode);
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
