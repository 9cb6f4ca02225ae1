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

    public Task<Guid> Community(int starLevel = 3, Guid? propertyCompanyId = null, bool old = false) =>
        Host.SeedCommunityAsync(propertyCompanyId, starLevel, old);

    /// <summary>A unit with its owner; returns once its statement answers.</summary>
    public async Task<Guid> Unit(Guid communityId, Guid ownerId, decimal area, UnitUse use = UnitUse.Residential, bool developer = false, Guid? buildingId = null)
    {
        var id = await Host.SeedUnitAsync(communityId, ownerId, area, use, developer, buildingId);
        await Eventually.Until(async () => (await Client.GetAsync($"/api/fees/v1/units/{id}/statement")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30), "the unit's statement in fees");
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
