using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>One governance host per test class, on its own database and queue.</summary>
public sealed class GovernanceHost : IAsyncLifetime
{
    public GovernanceHost()
    {
        Host = new ClockedGovernanceHost(Clock);
    }

    public ServiceHost<Api.Program> Host { get; }

    /// <summary>The host's clock: system time until a test moves it forward.</summary>
    public TestClock Clock { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    private Lazy<Task<Sample>>? _sample;

    /// <summary>A community with a building, an owner and a unit, registered once per class for tests that need ids.</summary>
    public Task<Sample> Sample => (_sample ??= new Lazy<Task<Sample>>(CreateSample)).Value;

    private async Task<Sample> CreateSample()
    {
        var registry = new RegistryClient(Client);
        var company = await registry.PropertyCompany();
        var community = await registry.Community(company.Id);
        var building = await registry.Building(community.Id);
        var owner = await registry.Person();
        var unit = await registry.Unit(community.Id, building.Id, owner.Id);
        var problem = await registry.Problem(community.Id);
        return new Sample(community.TownshipId, company.Id, community.Id, building.Id, owner.Id, unit.Id, problem.Id);
    }

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

public sealed record Sample(Guid TownshipId, Guid CompanyId, Guid CommunityId, Guid BuildingId, Guid OwnerId, Guid UnitId, Guid ProblemId);
