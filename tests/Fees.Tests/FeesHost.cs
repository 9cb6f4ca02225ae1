using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.BuildingBlocks.Registry;
using Platform.Contracts.Events;
using Platform.TestKit;

namespace Platform.Fees.Tests;

/// <summary>
/// One fees host per test class, on its own database and queue. Its registry copy is filled the way
/// production fills it: governance's events, published on the real broker.
/// </summary>
public sealed class FeesHost : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Fees on a clock a test may move (the night a quarter turns); tests that move it use a class of their own.</summary>
    public ClockedServiceHost<Api.Program> Host { get; } = new("fees", new TestClock());

    /// <summary>A county department with every scope.</summary>
    public HttpClient Client { get; private set; } = null!;

    public HttpClient As(string token) => Host.CreateHttpClient().WithToken(token);

    public async Task<Guid> Community(int starLevel = 3, Guid? propertyCompanyId = null, bool old = false)
    {
        var id = Guid.NewGuid();
        await Publish(new CommunityRegistered(id, $"小区{id.ToString()[..6]}", Guid.NewGuid(), propertyCompanyId, starLevel, old, DateTimeOffset.UtcNow));
        await Eventually.Until(async () => (await Client.GetFromJsonAsync<List<RegistryCommunityResponse>>("/api/fees/v1/registry/communities", Json))!.Any(c => c.Id == id),
            TimeSpan.FromSeconds(30), "the community in fees' registry copy");
        return id;
    }

    public async Task<Guid> Unit(Guid communityId, Guid ownerId, decimal area, UnitUse use = UnitUse.Residential, bool developer = false, Guid? buildingId = null)
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await Publish(new UnitRegistered(id, communityId, buildingId ?? Guid.NewGuid(), "1", $"1-{id.ToString()[..4]}", area, use, AreaSource.Register, now));
        await Publish(new OwnershipTransferred(id, communityId, null, ownerId, developer, new DateOnly(2020, 1, 1), now));
        await Eventually.Until(async () => (await Client.GetAsync($"/api/fees/v1/units/{id}/statement")).IsSuccessStatusCode
                                           && await Sql.CountAsync(Host.DatabaseConnectionString, "registry_unit_owners", $"unit_id = '{id}'") == 1,
            TimeSpan.FromSeconds(30), "the unit and its owner in fees' registry copy");
        return id;
    }

    /// <summary>Publishes on the real broker (<see cref="BrokerPublishing.PublishAsync"/>).</summary>
    public Task Publish<T>(T message) where T : class => Host.PublishAsync(message);

    public async Task InitializeAsync()
    {
        await Host.StartAsync();
        Client = Host.CreateHttpClient().WithToken(TestTokens.Registrar);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
