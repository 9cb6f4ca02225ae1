using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Tests;
using Platform.Identity.Api.Clients;
using Platform.Identity.Api.Infrastructure.Migrations;
using Platform.TestKit;

namespace Platform.Identity.Tests;

/// <summary>
/// Scopes split by function (docs/identity.md): an organisation may hold only the scopes of its job, and clients
/// registered before the split keep their function under the new scopes and gain nothing.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class ScopeSplitTests(IdentityPlatform platform)
{
    private const string Clients = "/api/identity/v1/clients";

    public static TheoryData<string, string> NotTheirJob => new()
    {
        { OrganisationTypes.NaturalResources, Scopes.ParkingWrite },
        { OrganisationTypes.DevelopmentAndReform, Scopes.ParkingWrite },
        { OrganisationTypes.DevelopmentAndReform, Scopes.FeesWrite },
        { OrganisationTypes.PropertyCompany, Scopes.GovernanceWrite },
        { OrganisationTypes.ParkingOperator, Scopes.ParkingWrite },
        { OrganisationTypes.PropertyCompany, Scopes.ParkingOwnership },
        { OrganisationTypes.Township, Scopes.FundsMisuse },
        { OrganisationTypes.Township, Scopes.ElderCareHealth },
    };

    [Theory]
    [MemberData(nameof(NotTheirJob))]
    public async Task An_organisation_is_never_given_a_scope_outside_its_function(string organisationType, string scope)
    {
        var clientId = $"{organisationType}-{RegistryClient.Next()}";
        var organisationId = OrganisationTypes.Partners.Contains(organisationType) ? Guid.NewGuid() : (Guid?)null;

        var response = await platform.Admin.PostAsJsonAsync(
            Clients, new { clientId, displayName = clientId, organisationType, organisationId, scopes = new[] { Scopes.GovernanceRead, scope } }, RegistryClient.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("scopes", (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Admin.GetAsync($"{Clients}/{clientId}")).StatusCode);
    }

    [Fact]
    public async Task Clients_registered_before_the_split_keep_their_function_under_the_new_scopes_and_gain_nothing()
    {
        (string Type, string[] Before, string[] After)[] cases =
        [
            (OrganisationTypes.PropertyCompany, ["governance.read", "governance.write", "parking.read", "parking.write"],
                ["governance.problems", "governance.read", "parking.gates", "parking.read", "parking.write"]),
            (OrganisationTypes.ParkingOperator, ["parking.read", "parking.write"], ["parking.gates", "parking.read"]),
            (OrganisationTypes.NaturalResources, ["governance.read", "parking.read", "parking.write"], ["governance.read", "parking.ownership", "parking.read"]),
            (OrganisationTypes.DevelopmentAndReform, ["fees.read", "fees.write", "parking.write"], ["fees.read", "fees.standards", "parking.price-caps"]),
            (OrganisationTypes.Township, ["governance.read", "governance.write"], ["governance.problems", "governance.read", "governance.write"]),
            (OrganisationTypes.Police, ["governance.read", "parking.read"], ["governance.read", "parking.read"]),
            (OrganisationTypes.Finance, ["funds.approve", "funds.read"], ["funds.approve", "funds.read"]),
        ];
        var registered = new List<(string ClientId, string Secret, string[] After)>();
        foreach (var (type, before, after) in cases)
        {
            var client = await platform.RegisterClient(type, OrganisationTypes.Partners.Contains(type) ? Guid.NewGuid() : null);
            await Sql.ExecuteAsync(platform.Identity.OwnerConnectionString,
                $"UPDATE clients SET scopes = ARRAY[{string.Join(", ", before.Select(s => $"'{s}'"))}] WHERE client_id = '{client.ClientId}'");
            registered.Add((client.ClientId, client.ClientSecret, after));
        }

        foreach (var statement in new SplitScopesByFunction().UpOperations.Cast<SqlOperation>())
        {
            await Sql.ExecuteAsync(platform.Identity.OwnerConnectionString, statement.Sql);
        }

        foreach (var (clientId, secret, after) in registered)
        {
            var client = await platform.Admin.GetFromJsonAsync<ClientResponse>($"{Clients}/{clientId}", RegistryClient.Json);
            Assert.Equal(after, client!.Scopes);
            var (status, token) = await platform.Anonymous.ClientCredentials(clientId, secret);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(after, token.Scope!.Split(' ').Order(StringComparer.Ordinal));
        }
    }
}
