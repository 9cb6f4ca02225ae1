using System.Net.Http.Json;
using System.Text.Json;
using Platform.TestKit;
using StackExchange.Redis;
using Xunit;

namespace Platform.Parking.Tests;

/// <summary>The live count in Redis against PostgreSQL's open sessions: after bursts, after losing the key, after a recount.</summary>
public sealed class OccupancyTests(ParkingHost parking) : IClassFixture<ParkingHost>
{
    private const string Api = ParkingHost.Api;

    private async Task<long> DatabaseCount(Guid lot) => await Sql.CountAsync(parking.Database, "parking_sessions", $"lot_id = '{lot}' AND exited_at IS NULL");

    private async Task<JsonElement> Occupancy(HttpClient client, Guid lot) => await client.GetFromJsonAsync<JsonElement>($"{Api}/lots/{lot}/occupancy");

    [Fact]
    public async Task After_a_burst_of_concurrent_entries_and_exits_the_live_count_equals_the_databases()
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        using var company = parking.Company(companyId);
        var lot = (await parking.Lot(company, community)).GetProperty("id").GetGuid();
        Assert.Equal(0, (await Occupancy(company, lot)).GetProperty("occupied").GetInt64()); // counted once, then live
        var now = parking.Host.Clock.GetUtcNow();
        var plates = Enumerable.Range(0, 60).Select(_ => Plates.Next()).Distinct().ToList();
        await Task.WhenAll(plates.Take(20).Select(p => parking.Decision(company, lot, p, "Entry", now.AddMinutes(-30))));

        // Entries of new plates, exits of the first twenty, and repeats of both, all at once.
        var burst = plates.Skip(20).Select(p => parking.Gate(company, lot, p, "Entry", now.AddMinutes(-1)))
            .Concat(plates.Take(20).Select(p => parking.Gate(company, lot, p, "Exit", now)))
            .Concat(plates.Skip(20).Take(10).Select(p => parking.Gate(company, lot, p, "Entry", now.AddMinutes(-1))))
            .Concat(plates.Take(10).Select(p => parking.Gate(company, lot, p, "Exit", now)));
        var answers = await Task.WhenAll(burst);

        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, a.StatusCode.ToString()));
        var live = await Occupancy(company, lot);
        Assert.Equal("live", live.GetProperty("source").GetString());
        Assert.Equal(plates.Count - 20, await DatabaseCount(lot));
        Assert.Equal(await DatabaseCount(lot), live.GetProperty("occupied").GetInt64());
    }

    [Fact]
    public async Task A_lost_key_is_recounted_from_the_database_and_counting_goes_on_from_there()
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        using var company = parking.Company(companyId);
        var lot = (await parking.Lot(company, community)).GetProperty("id").GetGuid();
        var now = parking.Host.Clock.GetUtcNow();
        await parking.Decision(company, lot, Plates.Next(), "Entry", now.AddMinutes(-3));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestInfrastructure.Settings.Redis);
        await redis.GetDatabase().KeyDeleteAsync($"parking:occupancy:{lot}");

        // With no key, an entry does not create one from nothing (it would count 1, not 2).
        await parking.Decision(company, lot, Plates.Next(), "Entry", now.AddMinutes(-2));
        Assert.False(await redis.GetDatabase().KeyExistsAsync($"parking:occupancy:{lot}"));
        var recounted = await Occupancy(company, lot);
        await parking.Decision(company, lot, Plates.Next(), "Entry", now.AddMinutes(-1));
        var live = await Occupancy(company, lot);

        Assert.Equal(("database", 2L), (recounted.GetProperty("source").GetString(), recounted.GetProperty("occupied").GetInt64()));
        Assert.Equal(("live", 3L), (live.GetProperty("source").GetString(), live.GetProperty("occupied").GetInt64()));
    }

    [Fact]
    public async Task A_recount_repairs_a_live_count_that_drifted()
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        using var company = parking.Company(companyId);
        var lot = (await parking.Lot(company, community)).GetProperty("id").GetGuid();
        await parking.Decision(company, lot, Plates.Next(), "Entry", parking.Host.Clock.GetUtcNow());
        await Occupancy(company, lot);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestInfrastructure.Settings.Redis);
        await redis.GetDatabase().StringSetAsync($"parking:occupancy:{lot}", 42);

        var recount = await (await company.PostAsync($"{Api}/lots/{lot}/occupancy/recount", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(1, recount.GetProperty("occupied").GetInt64());
        Assert.Equal(1, (await Occupancy(company, lot)).GetProperty("occupied").GetInt64());
    }
}
