using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.BuildingBlocks.Security;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

/// <summary>A department gets a client from the housing bureau, a token from the identity service, and loses both when revoked.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RevocationTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_revoked_client_gets_no_new_token_and_its_current_token_stops_working()
    {
        using var anonymous = platform.Gateway.CreateHttpClient();
        using var admin = platform.Gateway.CreateHttpClient().WithToken(await Token(anonymous, PlatformFixture.AdminClientId, PlatformFixture.AdminSecret));
        var clientId = $"market-regulation-{Guid.NewGuid():N}"[..30];
        var registered = await admin.PostAsJsonAsync("/api/identity/v1/clients", new
        {
            clientId, displayName = "Market regulation bureau", organisationType = OrganisationTypes.MarketRegulation, scopes = new[] { Scopes.GovernanceRead },
        });
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var secret = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!;

        var token = await Token(anonymous, clientId, secret);
        var lifetime = new JwtSecurityTokenHandler().ReadJwtToken(token);
        Assert.True(lifetime.ValidTo - lifetime.IssuedAt <= TimeSpan.FromMinutes(15), "access tokens live at most 15 minutes");
        using var department = platform.Gateway.CreateHttpClient().WithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await department.GetAsync("/api/governance/v1/townships")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/identity/v1/clients/{clientId}/revoke", null)).StatusCode);

        var refused = await RequestToken(anonymous, clientId, secret);
        Assert.False(refused.IsSuccessStatusCode);
        Assert.Equal("invalid_client", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        await Eventually.Until(
            async () => (await department.GetAsync("/api/governance/v1/townships")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(30),
            "the revoked client's token refused at the gateway");
        using var direct = platform.Governance.CreateHttpClient().WithToken(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await direct.GetAsync("/api/governance/v1/townships")).StatusCode);
    }

    private static async Task<string> Token(HttpClient anonymous, string clientId, string secret)
    {
        var response = await RequestToken(anonymous, clientId, secret);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static Task<HttpResponseMessage> RequestToken(HttpClient anonymous, string clientId, string secret) =>
        anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
}
