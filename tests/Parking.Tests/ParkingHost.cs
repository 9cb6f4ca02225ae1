using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.TestKit;
using Xunit;

namespace Platform.Parking.Tests;

/// <summary>
/// One parking host per test class on its own database and queue, its registry copy filled by governance's events on the
/// real broker, on a clock the tests move (lease terms, violation deadlines).
/// </summary>
public sealed class ParkingHost : IAsyncLifetime
{
    public const string Api = "/api/parking/v1";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public ClockedServiceHost<Api.Program> Host { get; } = new("parking", new TestClock(), new Dictionary<string, string?>
    {
        ["Parking:ViolationSweepInterval"] = "00:00:00.200",
        ["Parking:LeaseSweepInterval"] = "00:00:00.200",
        // A gate stream's token is re-checked every 30 s in service; a second here, so revocation tests end quickly.
        ["Parking:StreamAuthRecheck"] = "00:00:01",
    });

    /// <summary>The housing bureau with its default scopes: county-wide, runs parking (parking.write), no gates.</summary>
    public HttpClient County { get; private set; } = null!;

    public HttpClient As(string token) => Host.CreateHttpClient().WithToken(token);

    /// <summary>Each organisation with what identity gives it by default (<see cref="ScopeGrants"/>).</summary>
    public HttpClient Company(Guid companyId) => As(TestTokens.WithDefaults(OrganisationTypes.PropertyCompany, companyId));

    public HttpClient NaturalResources => As(TestTokens.WithDefaults(OrganisationTypes.NaturalResources));

    public HttpClient DevelopmentAndReform => As(TestTokens.WithDefaults(OrganisationTypes.DevelopmentAndReform));

    public HttpClient Police => As(TestTokens.WithDefaults(OrganisationTypes.Police));

    public HttpClient Operator(Guid operatorId) => As(TestTokens.WithDefaults(OrganisationTypes.ParkingOperator, operatorId));

    public string Database => Host.DatabaseConnectionString;

    public Task<Guid> Community(Guid? propertyCompanyId = null) => Host.SeedCommunityAsync(propertyCompanyId);

    /// <summary>A unit owned by <paramref name="ownerId"/>; returns the unit's id once parking knows its owner.</summary>
    public Task<Guid> Owner(Guid communityId, Guid ownerId) => Host.SeedUnitAsync(communityId, ownerId);

    /// <summary>A lot of the community: 15 free minutes, 5 yuan an hour, 30 yuan a day unless told otherwise.</summary>
    public async Task<JsonElement> Lot(HttpClient client, Guid communityId, string visitorSpaces = "OwnersCommon", Guid? operatorId = null,
        int freeMinutes = 15, long fenPerHour = 500, long dailyCapFen = 3000, int capacity = 200)
    {
        var response = await client.PostAsJsonAsync($"{Api}/communities/{communityId}/lots", new
        {
            name = $"停车场{Guid.NewGuid().ToString()[..6]}", capacity, operatorId, visitorSpaceOwnership = visitorSpaces,
            tariff = new { freeMinutes, fenPerHour, dailyCapFen },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A space of the lot, certified by Natural Resources as <paramref name="ownership"/>.</summary>
    public async Task<Guid> Space(HttpClient client, Guid lotId, string ownership, Guid? holderOwnerId = null)
    {
        var registered = await client.PostAsJsonAsync($"{Api}/lots/{lotId}/spaces", new { number = $"B-{Guid.NewGuid().ToString()[..6]}", kind = "Planned" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var spaceId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var resources = NaturalResources;
        var certified = await resources.PutAsJsonAsync($"{Api}/spaces/{spaceId}/ownership", new { ownership, certificate = "不动产权第 0001 号", holderOwnerId });
        Assert.Equal(HttpStatusCode.OK, certified.StatusCode);
        return spaceId;
    }

    public async Task<HttpResponseMessage> Gate(HttpClient client, Guid lotId, string plate, string direction, DateTimeOffset at, string gateId = "east-1") =>
        await client.PostAsJsonAsync($"{Api}/lots/{lotId}/gate-events", new { gateId, plate, direction, at });

    public async Task<JsonElement> Decision(HttpClient client, Guid lotId, string plate, string direction, DateTimeOffset at, string gateId = "east-1")
    {
        var response = await Gate(client, lotId, plate, direction, at, gateId);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Publishes on the real broker (<see cref="BrokerPublishing.PublishAsync"/>).</summary>
    public Task Publish<T>(T message) where T : class => Host.PublishAsync(message);

    public async Task InitializeAsync()
    {
        await Host.StartAsync();
        County = As(TestTokens.WithDefaults(OrganisationTypes.Housing));
    }

    public async Task DisposeAsync()
    {
        County.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>A random valid plate ("粤B" and five characters), so tests never meet each other's vehicles.</summary>
public static class Plates
{
    private const string Characters = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

    public static string Next() => "粤B" + new string(Enumerable.Range(0, 5).Select(_ => Characters[Random.Shared.Next(Characters.Length)]).ToArray());
}
