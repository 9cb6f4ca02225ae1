using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.Credit;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>Owner credit files: written by the community's township, read by departments, the township, the serving company and the owner alone.</summary>
public sealed class OwnerCreditTests(GovernanceHost governance) : IClassFixture<GovernanceHost>
{
    private readonly RegistryClient _registry = new(governance.Client);

    private HttpClient As(string token) => governance.Host.CreateHttpClient().WithToken(token);

    private static object Entry(Guid ownerId, string category = "FeeArrearsResolved") =>
        new { ownerId, kind = "Good", category, note = "2024 年物业费欠费已结清", recordedOn = CountyCalendar.Today };

    private async Task<(Guid Township, Guid Company, Guid Community, Guid Owner)> OwnerInCommunity()
    {
        var company = await _registry.PropertyCompany();
        var community = await _registry.Community(company.Id);
        var building = await _registry.Building(community.Id);
        var owner = await _registry.Person();
        await _registry.Unit(community.Id, building.Id, owner.Id);
        return (community.TownshipId, company.Id, community.Id, owner.Id);
    }

    [Fact]
    public async Task The_township_writes_the_file_and_the_owner_the_township_and_the_serving_company_read_it()
    {
        var (township, company, community, owner) = await OwnerInCommunity();
        using var townshipClient = As(TestTokens.For(OrganisationTypes.Township, township, Scopes.GovernanceRead, Scopes.GovernanceWrite));

        var written = await townshipClient.PostAsJsonAsync($"/api/governance/v1/communities/{community}/owner-credit-records", Entry(owner), RegistryClient.Json);
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);

        foreach (var reader in new[]
                 {
                     TestTokens.ForOwner(owner), TestTokens.For(OrganisationTypes.Township, township, Scopes.GovernanceRead),
                     TestTokens.For(OrganisationTypes.PropertyCompany, company, Scopes.GovernanceRead), TestTokens.For(OrganisationTypes.CivilAffairs, null, Scopes.GovernanceRead),
                 })
        {
            using var client = As(reader);
            var file = await client.GetFromJsonAsync<List<OwnerCreditRecordResponse>>($"/api/governance/v1/owners/{owner}/credit-records", RegistryClient.Json);
            var entry = Assert.Single(file!);
            Assert.Equal((community, Domain.Credit.OwnerCreditCategory.FeeArrearsResolved, "township"), (entry.CommunityId, entry.Category, entry.Organisation));
        }
    }

    [Fact]
    public async Task Another_owner_and_another_communitys_company_get_404_and_another_township_cannot_write()
    {
        var (_, _, community, owner) = await OwnerInCommunity();
        var (otherTownship, otherCompany, _, otherOwner) = await OwnerInCommunity();
        await _registry.Created<OwnerCreditRecordResponse>($"/api/governance/v1/communities/{community}/owner-credit-records", Entry(owner, "Violation"));

        using var neighbour = As(TestTokens.ForOwner(otherOwner));
        using var foreignCompany = As(TestTokens.For(OrganisationTypes.PropertyCompany, otherCompany, Scopes.GovernanceRead));
        using var foreignTownship = As(TestTokens.For(OrganisationTypes.Township, otherTownship, Scopes.GovernanceRead, Scopes.GovernanceWrite));
        using var ownerThemself = As(TestTokens.ForOwner(owner));

        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/api/governance/v1/owners/{owner}/credit-records")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreignCompany.GetAsync($"/api/governance/v1/owners/{owner}/credit-records")).StatusCode);
        var foreignWrite = await foreignTownship.PostAsJsonAsync($"/api/governance/v1/communities/{community}/owner-credit-records", Entry(owner), RegistryClient.Json);
        Assert.Equal(HttpStatusCode.NotFound, foreignWrite.StatusCode);
        // The owner reads but never writes their own file.
        var selfWrite = await ownerThemself.PostAsJsonAsync($"/api/governance/v1/communities/{community}/owner-credit-records", Entry(owner, "Commendation"), RegistryClient.Json);
        Assert.Equal(HttpStatusCode.Forbidden, selfWrite.StatusCode);
        // A township sees the owner register but only its own communities' entries.
        using var otherTownshipReader = As(TestTokens.For(OrganisationTypes.Township, otherTownship, Scopes.GovernanceRead));
        Assert.Empty((await otherTownshipReader.GetFromJsonAsync<List<OwnerCreditRecordResponse>>($"/api/governance/v1/owners/{owner}/credit-records", RegistryClient.Json))!);
        Assert.Equal(1, await Sql.CountAsync(governance.Host.DatabaseConnectionString, "owner_credit_records", $"owner_id = '{owner}'"));
    }

    [Fact]
    public async Task An_owner_without_a_unit_in_the_community_is_a_400_naming_ownerId()
    {
        var (_, _, community, _) = await OwnerInCommunity();
        var stranger = await _registry.Person();

        var response = await governance.Client.PostAsJsonAsync($"/api/governance/v1/communities/{community}/owner-credit-records", Entry(stranger.Id), RegistryClient.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemResponse.ReadAsync(response)).Errors!.ContainsKey("ownerId"));
    }
}
