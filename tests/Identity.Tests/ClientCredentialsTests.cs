using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.Registry;
using Platform.Governance.Tests;
using Platform.TestKit;

namespace Platform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class ClientCredentialsTests(IdentityPlatform platform)
{
    /// <summary>How every service validates tokens (BuildingBlocks' AddPlatformAuthentication), trusting the test run's key.</summary>
    private static readonly IConfiguration ServiceConfiguration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SigningKeys:0"] = TestTokens.PublicKeyPem })
        .Build();

    private static readonly Microsoft.Extensions.Hosting.Internal.HostingEnvironment Production = new() { EnvironmentName = "Production" };

    [Fact]
    public async Task A_partner_gets_a_signed_15_minute_token_naming_its_client_organisation_and_the_scopes_it_asked_for()
    {
        var company = Guid.NewGuid();
        var client = await platform.RegisterClient(OrganisationTypes.PropertyCompany, company, Scopes.GovernanceRead, Scopes.FeesRead, Scopes.FeesWrite);

        var (status, response) = await platform.Anonymous.ClientCredentials(client.ClientId, client.ClientSecret, "governance.read fees.read");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", response.TokenType);
        Assert.InRange(response.ExpiresIn!.Value, 899, 900);
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(response.AccessToken, AuthenticationExtensions.ValidationParameters(ServiceConfiguration, Production));
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var token = (JsonWebToken)validation.SecurityToken;
        Assert.Equal("RS256", token.Alg);
        Assert.Equal(AuthenticationExtensions.DefaultIssuer, token.Issuer);
        Assert.Equal([AuthenticationExtensions.DefaultAudience], token.Audiences);
        Assert.Equal(client.ClientId, token.GetPayloadValue<string>(PlatformClaims.Subject));
        Assert.Equal(client.ClientId, token.GetPayloadValue<string>(PlatformClaims.ClientId));
        Assert.Equal(OrganisationTypes.PropertyCompany, token.GetPayloadValue<string>(PlatformClaims.OrganisationType));
        Assert.Equal(company.ToString(), token.GetPayloadValue<string>(PlatformClaims.OrganisationId));
        Assert.Equal(["fees.read", "governance.read"], token.GetPayloadValue<string>(PlatformClaims.Scope).Split(' ').Order());
        Assert.Equal(TimeSpan.FromMinutes(15), token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public async Task Without_a_scope_parameter_the_token_carries_every_scope_the_client_holds_and_no_organisation_id_for_a_department()
    {
        var client = await platform.RegisterClient(OrganisationTypes.Finance);

        var token = new JsonWebToken(await platform.Anonymous.ClientCredentials(client.ClientId, client.ClientSecret).AccessToken());

        Assert.Equal(client.Client.Scopes.Order(), token.GetPayloadValue<string>(PlatformClaims.Scope).Split(' ').Order());
        Assert.Equal(OrganisationTypes.Finance, token.GetPayloadValue<string>(PlatformClaims.OrganisationType));
        Assert.False(token.TryGetPayloadValue<string>(PlatformClaims.OrganisationId, out _));
    }

    [Fact]
    public async Task A_township_token_from_the_token_endpoint_is_accepted_by_governance_which_shows_it_only_its_own_township()
    {
        var community = await platform.Registry.Community();
        await platform.Registry.Community();
        var client = await platform.RegisterClient(OrganisationTypes.Township, community.TownshipId, Scopes.GovernanceRead);
        var token = await platform.Anonymous.ClientCredentials(client.ClientId, client.ClientSecret).AccessToken();

        var townships = await platform.GovernanceAs(token).GetFromJsonAsync<List<TownshipResponse>>("/api/governance/v1/townships", RegistryClient.Json);

        Assert.Equal(community.TownshipId, Assert.Single(townships!).Id);
    }

    [Fact]
    public async Task The_bootstrap_administrators_token_opens_the_admin_api_of_the_identity_service_itself()
    {
        var response = await platform.Admin.GetAsync($"/api/identity/v1/clients/{IdentityPlatform.OwnersApp}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("fees.write")]
    [InlineData("identity.admin")]
    [InlineData("governance.read not-a-scope")]
    public async Task Asking_for_a_scope_the_client_does_not_hold_or_that_does_not_exist_is_invalid_scope(string scope)
    {
        var client = await platform.RegisterClient(OrganisationTypes.Police, null, Scopes.GovernanceRead);

        var (status, response) = await platform.Anonymous.ClientCredentials(client.ClientId, client.ClientSecret, scope);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_scope", response.Error);
        Assert.Null(response.AccessToken);
    }

    [Fact]
    public async Task A_client_may_send_its_credentials_as_http_basic_authentication()
    {
        var client = await platform.RegisterClient(OrganisationTypes.Police);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{client.ClientId}:{client.ClientSecret}")));

        using var response = await platform.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_secret_is_invalid_client()
    {
        var client = await platform.RegisterClient(OrganisationTypes.Police);

        var (status, response) = await platform.Anonymous.ClientCredentials(client.ClientId, client.ClientSecret + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", response.Error);
    }

    [Fact]
    public async Task A_revoked_client_is_refused_at_its_next_token_request()
    {
        var client = await platform.RegisterClient(OrganisationTypes.ParkingOperator, Guid.NewGuid());
        await platform.Anonymous.ClientCredentials(client.ClientId, client.ClientSecret).AccessToken();

        var revoke = await platform.Admin.PostAsync($"/api/identity/v1/clients/{client.ClientId}/revoke", null);
        var (status, response) = await platform.Anonymous.ClientCredentials(client.ClientId, client.ClientSecret);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", response.Error);
    }

    [Fact]
    public async Task A_rotated_secret_works_at_once_and_the_old_one_stops_working()
    {
        var client = await platform.RegisterClient(OrganisationTypes.CareProvider, Guid.NewGuid());

        var rotation = await platform.Admin.PostAsync($"/api/identity/v1/clients/{client.ClientId}/secret", null);
        var rotated = (await rotation.Content.ReadFromJsonAsync<Api.Clients.ClientSecretResponse>(RegistryClient.Json))!;
        var (oldStatus, oldResponse) = await platform.Anonymous.ClientCredentials(client.ClientId, client.ClientSecret);
        var (newStatus, _) = await platform.Anonymous.ClientCredentials(client.ClientId, rotated.ClientSecret);

        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        Assert.NotEqual(client.ClientSecret, rotated.ClientSecret);
        Assert.NotNull(rotated.Client.SecretRotatedAt);
        Assert.Equal("invalid_client", oldResponse.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, oldStatus);
        Assert.Equal(HttpStatusCode.OK, newStatus);
    }

    [Fact]
    public async Task Changed_scopes_are_what_the_next_token_may_carry()
    {
        var client = await platform.RegisterClient(OrganisationTypes.MarketRegulation);

        var change = await platform.Admin.PutAsJsonAsync($"/api/identity/v1/clients/{client.ClientId}/scopes", new { scopes = new[] { Scopes.GovernanceRead } });
        var token = new JsonWebToken(await platform.Anonymous.ClientCredentials(client.ClientId, client.ClientSecret).AccessToken());
        var (status, response) = await platform.Anonymous.ClientCredentials(client.ClientId, client.ClientSecret, Scopes.FeesRead);

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(Scopes.GovernanceRead, token.GetPayloadValue<string>(PlatformClaims.Scope));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_scope", response.Error);
    }

    [Fact]
    public async Task The_owners_app_cannot_use_client_credentials()
    {
        using var response = await platform.Anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = IdentityPlatform.OwnersApp,
        }));

        Assert.False(response.IsSuccessStatusCode);
        Assert.DoesNotContain("access_token", await response.Content.ReadAsStringAsync());
    }
}
