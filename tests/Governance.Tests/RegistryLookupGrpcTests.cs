using Grpc.Core;
using Grpc.Net.Client;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Governance.V1;
using Platform.TestKit;

namespace Platform.Governance.Tests;

public sealed class RegistryLookupGrpcTests(GovernanceHost governance) : IClassFixture<GovernanceHost>, IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(governance.Host.GrpcAddress);
    private readonly RegistryClient _registry = new(governance.Client);

    private RegistryLookup.RegistryLookupClient Client => new(_channel);

    /// <summary>What identity presents: a platform-service token (ServiceTokens).</summary>
    private static CallOptions Deadline => As(TestTokens.For(OrganisationTypes.PlatformService, null, Scopes.GovernanceRead));

    private static CallOptions As(string token) => new(
        headers: new Metadata { { "Authorization", $"Bearer {token}" } },
        deadline: DateTime.UtcNow.AddSeconds(10));

    public static TheoryData<string> NotPlatformServices => new()
    {
        "registrar", "township", "company", "department",
    };

    [Theory]
    [MemberData(nameof(NotPlatformServices))]
    public async Task Only_platform_services_may_look_up_the_registry_not_departments_townships_or_companies(string caller)
    {
        var community = await _registry.Community();
        var token = caller switch
        {
            "registrar" => TestTokens.Registrar,
            "township" => TestTokens.For(OrganisationTypes.Township, community.TownshipId, [.. Scopes.All]),
            "company" => TestTokens.For(OrganisationTypes.PropertyCompany, Guid.NewGuid(), Scopes.GovernanceRead),
            _ => TestTokens.For(OrganisationTypes.Police, null, Scopes.GovernanceRead),
        };

        var byPhone = await Assert.ThrowsAsync<RpcException>(() => Client.FindOwnerByPhoneAsync(new FindOwnerByPhoneRequest { Phone = "13800000000" }, As(token)).ResponseAsync);
        var units = await Assert.ThrowsAsync<RpcException>(
            () => Client.ListCommunityUnitsAsync(new ListCommunityUnitsRequest { CommunityId = community.Id.ToString() }, As(token)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, byPhone.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, units.StatusCode);
    }

    [Fact]
    public async Task A_platform_service_finds_an_owner_by_phone()
    {
        var phone = TestIdentities.Phone(RegistryClient.Next());
        var owner = await _registry.Created<Platform.Governance.Api.Registry.OwnerResponse>("/api/governance/v1/owners", new
        {
            kind = "Person", name = "李四", idNumber = TestIdentities.ResidentId(RegistryClient.Next()), phone,
        });

        var found = await Client.FindOwnerByPhoneAsync(new FindOwnerByPhoneRequest { Phone = phone }, Deadline);

        Assert.True(found.Found);
        Assert.Equal(owner.Id.ToString(), found.OwnerId);
    }

    [Fact]
    public async Task Units_of_a_community_come_with_their_areas_and_the_total()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id, "5");
        var owner = await _registry.Person();
        await _registry.Unit(community.Id, building.Id, owner.Id, 89.50m);
        await _registry.Unit(community.Id, building.Id, owner.Id, 120.25m);

        var response = await Client.ListCommunityUnitsAsync(new ListCommunityUnitsRequest { CommunityId = community.Id.ToString() }, Deadline);

        Assert.Equal(["89.50", "120.25"], response.Units.Select(u => u.ExclusiveArea).OrderBy(a => a.Length));
        Assert.Equal("209.75", response.TotalExclusiveArea);
        Assert.All(response.Units, unit => Assert.Equal("5", unit.BuildingNumber));
    }

    [Fact]
    public async Task Owners_of_a_unit_and_ownership_in_a_community_are_current()
    {
        var community = await _registry.Community();
        var building = await _registry.Building(community.Id);
        var developer = await _registry.Developer();
        var unit = await _registry.Unit(community.Id, building.Id, developer.Id);

        var owners = await Client.GetUnitOwnersAsync(new GetUnitOwnersRequest { UnitId = unit.Id.ToString() }, Deadline);
        var isOwner = await Client.IsOwnerInCommunityAsync(new IsOwnerInCommunityRequest { OwnerId = developer.Id.ToString(), CommunityId = community.Id.ToString() }, Deadline);
        var elsewhere = await Client.IsOwnerInCommunityAsync(new IsOwnerInCommunityRequest { OwnerId = developer.Id.ToString(), CommunityId = Guid.NewGuid().ToString() }, Deadline);

        var only = Assert.Single(owners.Owners);
        Assert.Equal(developer.Id.ToString(), only.OwnerId);
        Assert.True(only.IsDeveloper);
        Assert.Equal("2020-05-01", only.Since);
        Assert.True(isOwner.IsOwner);
        Assert.Equal(1, isOwner.UnitsOwned);
        Assert.False(elsewhere.IsOwner);
    }

    [Fact]
    public async Task A_malformed_id_is_InvalidArgument_and_an_unknown_one_NotFound()
    {
        var malformed = await Assert.ThrowsAsync<RpcException>(() => Client.GetUnitOwnersAsync(new GetUnitOwnersRequest { UnitId = "42" }, Deadline).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Client.ListCommunityUnitsAsync(new ListCommunityUnitsRequest { CommunityId = Guid.NewGuid().ToString() }, Deadline).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    public void Dispose() => _channel.Dispose();
}
