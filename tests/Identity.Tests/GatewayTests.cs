using System.Net;
using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.Registry;
using Platform.Governance.Tests;
using Platform.TestKit;

namespace Platform.Identity.Tests;

/// <summary>The identity service as partners and owners' apps reach it: only through the gateway.</summary>
[Collection(IdentityCollection.Name)]
public sealed class GatewayTests(IdentityPlatform platform)
{
    [Fact]
    public async Task Through_the_gateway_a_township_gets_a_token_and_the_gateway_and_governance_accept_it()
    {
        var community = await platform.Registry.Community();
        var client = await platform.RegisterClient(OrganisationTypes.Township, community.TownshipId);
        using var gateway = platform.Gateway.CreateHttpClient();

        var token = await gateway.ClientCredentials(client.ClientId, client.ClientSecret, Scopes.GovernanceRead).AccessToken();
        var townships = await platform.Gateway.CreateHttpClient().WithToken(token)
            .GetFromJsonAsync<List<TownshipResponse>>("/api/governance/v1/townships", RegistryClient.Json);

        Assert.Equal(community.TownshipId, Assert.Single(townships!).Id);
    }

    [Fact]
    public async Task Owners_sign_in_through_the_gateway_without_a_token()
    {
        var (ownerId, phone) = await platform.RegisterOwner();
        using var gateway = platform.Gateway.CreateHttpClient();

        var request = await gateway.PostAsJsonAsync("/api/identity/v1/owner-sign-in/codes", new { phone });
        await Eventually.Until(
            () => Task.FromResult(platform.Identity.Phones.SentTo(phone).Count == 1), TimeSpan.FromSeconds(30), "the code sent");
        var code = Assert.Single(platform.Identity.Phones.SentTo(phone));
        var token = new JsonWebToken(await gateway.OwnerSignIn(phone, code).AccessToken());

        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
        Assert.Equal(ownerId.ToString(), token.Subject);
    }

    [Fact]
    public async Task The_admin_api_through_the_gateway_needs_the_administrators_token()
    {
        using var anonymous = platform.Gateway.CreateHttpClient();
        using var reader = platform.Gateway.CreateHttpClient().WithToken(TestTokens.For(OrganisationTypes.Housing, null, Scopes.GovernanceRead));
        using var admin = platform.Gateway.CreateHttpClient().WithToken(platform.AdminToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/identity/v1/clients")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/identity/v1/clients")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/identity/v1/clients")).StatusCode);
    }
}
