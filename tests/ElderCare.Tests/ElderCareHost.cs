using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.ElderCare.Api.Elders;
using Platform.ElderCare.Api.Orders;
using Platform.ElderCare.Api.Providers;
using Platform.Governance.Tests;
using Platform.TestKit;

namespace Platform.ElderCare.Tests;

/// <summary>
/// One eldercare host per test class, on its own database and queue, its registry copy filled by governance's events on
/// the real broker; on a clock a test may move (offers going unanswered, visits running late).
/// </summary>
public sealed class ElderCareHost : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static int _nextIdentity = Environment.ProcessId % 1000 * 1000;

    public ClockedServiceHost<Api.Program> Host { get; } = new("eldercare", new TestClock(), new Dictionary<string, string?>
    {
        ["ElderCare:EscalationInterval"] = "00:00:00.200",
    });

    /// <summary>Civil Affairs (民政局): registers people and providers, sees every care record, reads the access log.</summary>
    public HttpClient CivilAffairs { get; private set; } = null!;

    public string Db => Host.DatabaseConnectionString;

    public HttpClient As(string token) => Host.CreateHttpClient().WithToken(token);

    public HttpClient AsProvider(Guid organisationId, string organisationType = OrganisationTypes.CareProvider) =>
        As(TestTokens.For(organisationType, organisationId, Scopes.ElderCareRead, Scopes.ElderCareWrite, Scopes.ElderCareHealth));

    public static string NextIdNumber() => TestIdentities.ResidentId(7_000_000 + Interlocked.Increment(ref _nextIdentity));

    /// <summary>A community in eldercare's registry copy, with its township and (optionally) its property company.</summary>
    public async Task<(Guid Community, Guid Township)> Community(Guid? propertyCompanyId = null)
    {
        var township = Guid.NewGuid();
        return (await Host.SeedCommunityAsync(propertyCompanyId, townshipId: township), township);
    }

    public async Task<ProviderResponse> Provider(Guid organisationId, Guid[] communities, string service = "Meal", int capacity = 10, long priceFen = 3_000,
        long[]? subsidies = null, string organisationType = OrganisationTypes.CareProvider)
    {
        var response = await CivilAffairs.PostAsJsonAsync("/api/eldercare/v1/providers", new
        {
            organisationId, organisationType, name = $"服务商{organisationId.ToString()[..6]}",
            offerings = new[] { new { service, communityIds = communities, dailyCapacity = capacity, priceFen, subsidyByLevelFen = subsidies ?? [0, 500, 1_000, 2_000, 3_000] } },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProviderResponse>(Json))!;
    }

    public static object ElderBody(string idNumber, string healthNotes = "高血压，服用氨氯地平", string careNeeds = "每日送餐，低盐", Guid? guardian = null,
        string abilityLevel = "ModeratelyImpaired", string phone = "13900001111") => new
    {
        name = "张桂英", idNumber, address = "幸福路 8 号 3 单元 201", livingSituation = "Alone",
        emergencyContacts = new[] { new { name = "李明", relation = "儿子", phone } },
        abilityLevel, assessedOn = "2026-01-05", assessor = "县老年人能力评估中心", healthNotes, careNeeds, guardianOwnerId = guardian,
        consent = new { consentedBy = "李明（监护人）", consentedOn = "2026-01-05", purpose = "居家养老服务与补贴" },
    };

    public async Task<ElderResponse> Elder(Guid community, object? body = null)
    {
        var response = await CivilAffairs.PostAsJsonAsync($"/api/eldercare/v1/communities/{community}/elders", body ?? ElderBody(NextIdNumber()));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ElderResponse>(Json))!;
    }

    public async Task<CareOrderResponse> Order(Guid elder, string service = "Meal", DateTimeOffset? slotStart = null, HttpClient? by = null)
    {
        var start = slotStart ?? Host.Clock.GetUtcNow().AddDays(1);
        var response = await (by ?? CivilAffairs).PostAsJsonAsync($"/api/eldercare/v1/elders/{elder}/orders", new { service, slotStart = start, slotEnd = start.AddHours(1) });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CareOrderResponse>(Json))!;
    }

    /// <summary>The offered provider takes the order on: from now on it may read the person's care record.</summary>
    public async Task Accept(Guid order, HttpClient provider)
    {
        var response = await provider.PostAsync($"/api/eldercare/v1/orders/{order}/acceptance", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public async Task<CareOrderResponse> OrderAsSeenByCivilAffairs(Guid order) =>
        (await CivilAffairs.GetFromJsonAsync<CareOrderResponse>($"/api/eldercare/v1/orders/{order}", Json))!;

    /// <summary>Publishes on the real broker (<see cref="BrokerPublishing.PublishAsync"/>).</summary>
    public Task Publish<T>(T message) where T : class => Host.PublishAsync(message);

    public async Task InitializeAsync()
    {
        await Host.StartAsync();
        CivilAffairs = As(TestTokens.For(OrganisationTypes.CivilAffairs, null, Scopes.ElderCareRead, Scopes.ElderCareWrite, Scopes.ElderCareHealth));
    }

    public async Task DisposeAsync()
    {
        CivilAffairs.Dispose();
        await Host.DisposeAsync();
    }
}
