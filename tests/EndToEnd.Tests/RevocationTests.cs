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

    [Fact]
    public async Task A_revoked_clients_token_stays_refused_after_Redis_forgets_the_revocations()
    {
        using var anonymous = platform.Gateway.CreateHttpClient();
        var (clientId, token) = await RevokedClientWithToken(anonymous);
        using var department = platform.Gateway.CreateHttpClient().WithToken(token);
        await Eventually.Until(
            async () => (await department.GetAsync("/api/governance/v1/townships")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(30),
            "the revoked client's token refused");

        // A Redis restart or flush, for this run's revocations only (the shared Redis keeps everyone else's keys).
        await TestRevocations.ForgetAsync(clientId);

        // The record is identity's database: the revocation comes back, and no write gets through meanwhile.
        await Eventually.Until(
            async () =>
            {
                using var write = await department.PostAsJsonAsync("/api/governance/v1/townships", new { name = "撤销后", code = "360199000001" });
                Assert.True(write.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.ServiceUnavailable, $"a write after the flush: {write.StatusCode}");
                return write.StatusCode == HttpStatusCode.Unauthorized
                       && (await department.GetAsync("/api/governance/v1/townships")).StatusCode == HttpStatusCode.Unauthorized;
            },
            TimeSpan.FromSeconds(20),
            "the revocation rebuilt from identity's database");
        using var direct = platform.Governance.CreateHttpClient().WithToken(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await direct.GetAsync("/api/governance/v1/townships")).StatusCode);
        Assert.Equal(0, await Sql.CountAsync(platform.Governance.DatabaseConnectionString, "townships", "code = '360199000001'"));
    }

    [Fact]
    public async Task With_Redis_unreachable_a_write_is_a_503_problem_and_writes_nothing_while_reads_proceed()
    {
        // Nothing listens on this port: revocations cannot be checked.
        await using var governance = new ServiceHost<Governance.Api.Program>("governance", new Dictionary<string, string?>
        {
            ["PLATFORM_REDIS"] = $"127.0.0.1:{FreePort.Next()}",
        });
        await governance.StartAsync();
        using var client = governance.CreateHttpClient().WithToken(TestTokens.Registrar);

        using var write = await client.PostAsJsonAsync("/api/governance/v1/townships", new { name = "离线", code = "360199000002" });
        using var read = await client.GetAsync("/api/governance/v1/townships");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        Assert.Equal("https://platform.county.gov.cn/problems/revocation-check-unavailable", (await ProblemResponse.ReadAsync(write)).Type);
        Assert.Equal(0, await Sql.CountAsync(governance.DatabaseConnectionString, "townships"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private async Task<(string ClientId, string Token)> RevokedClientWithToken(HttpClient anonymous)
    {
        using var admin = platform.Gateway.CreateHttpClient().WithToken(await Token(anonymous, PlatformFixture.AdminClientId, PlatformFixture.AdminSecret));
        var clientId = $"market-regulation-{Guid.NewGuid():N}"[..30];
        var registered = await admin.PostAsJsonAsync("/api/identity/v1/clients", new
        {
            clientId, displayName = "Market regulation bureau", organisationType = OrganisationTypes.Housing,
            scopes = new[] { Scopes.GovernanceRead, Scopes.GovernanceWrite },
        });
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var secret = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!;
        var token = await Token(anonymous, clientId, secret);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/identity/v1/clients/{clientId}/revoke", null)).StatusCode);
        return (clientId, token);
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
