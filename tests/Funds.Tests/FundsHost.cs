using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.Funds.Api.Journal;
using Platform.TestKit;

namespace Platform.Funds.Tests;

/// <summary>
/// One funds host per test class, on its own database and queue, its registry copy filled by governance's events on
/// the real broker. Each test class checks the fund's invariants after every test (<see cref="FundsTest"/>).
/// </summary>
public sealed class FundsHost : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Funds on a clock a test may move (deadlines passing); tests that move it put it back.</summary>
    public ClockedServiceHost<Api.Program> Host { get; } = new("funds", new TestClock());

    /// <summary>The county's fund centre: a housing-bureau client with every funds scope.</summary>
    public HttpClient Client { get; private set; } = null!;

    public HttpClient As(string token) => Host.CreateHttpClient().WithToken(token);

    public Task<Guid> Community(Guid? propertyCompanyId = null) => Host.SeedCommunityAsync(propertyCompanyId);

    /// <summary>A unit with its owner; returns once its ledger is open.</summary>
    public async Task<Guid> Unit(Guid communityId, Guid ownerId, decimal area, Guid buildingId, UnitUse use = UnitUse.Residential)
    {
        var id = await Host.SeedUnitAsync(communityId, ownerId, area, use, buildingId: buildingId);
        await Eventually.Until(async () => await Sql.CountAsync(Host.DatabaseConnectionString, "unit_ledgers", $"unit_id = '{id}'") == 1,
            TimeSpan.FromSeconds(30), "the unit's ledger in funds");
        return id;
    }

    /// <summary>Publishes on the real broker (<see cref="BrokerPublishing.PublishAsync"/>).</summary>
    public Task Publish<T>(T message) where T : class => Host.PublishAsync(message);

    public async Task<JournalVerificationResponse> Verify() =>
        (await Client.GetFromJsonAsync<JournalVerificationResponse>("/api/funds/v1/journal/verification", Json))!;

    public async Task InitializeAsync()
    {
        await Host.StartAsync();
        Client = Host.CreateHttpClient().WithToken(
            TestTokens.For(OrganisationTypes.Housing, null, Scopes.FundsRead, Scopes.FundsWrite, Scopes.FundsApprove, Scopes.FundsMisuse));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>A funds test class: after every test, the fund's invariants must hold.</summary>
public abstract class FundsTest(FundsHost funds) : IClassFixture<FundsHost>, IAsyncLifetime
{
    protected FundsHost Funds { get; } = funds;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var verification = await Funds.Verify();
        Assert.True(verification.Holds, string.Join("\n", verification.Violations));
    }
}
