using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Security;
using Platform.Gateway.Security;
using Platform.TestKit;

namespace Platform.Gateway.Tests;

/// <summary>
/// The gateway's own endpoints: probes, its OpenAPI document and the reference answer without a token; service health
/// (every service's readiness, asked in parallel) only to the platform's administrators.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OperationalEndpointTests(GatewayFixture gateway)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/docs/")]
    public async Task Answers_without_a_token(string path)
    {
        using var client = gateway.Front.CreateHttpClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Service_health_names_an_absent_service_unreachable_and_still_reports_the_others()
    {
        // Identity is not started here: its cluster keeps an address nothing listens on.
        await using var withoutIdentity = await GatewayHost.StartAsync(gateway.Settings(new Dictionary<string, string?>
        {
            [GatewayHost.ClusterAddress("identity")] = $"http://127.0.0.1:{FreePort.Next()}",
        }));
        using var client = withoutIdentity.CreateHttpClient().WithToken(Administrator());

        using var response = await client.GetAsync("/health/services");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var services = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("services");
        Assert.Equal("Unreachable", services.GetProperty("identity").GetProperty("status").GetString());
        foreach (var service in new[] { "governance", "fees", "funds", "parking", "eldercare" })
        {
            Assert.Equal("Healthy", services.GetProperty(service).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Service_health_is_a_401_without_a_token_and_a_403_without_the_administrators_scope()
    {
        using var anonymous = gateway.Front.CreateHttpClient();
        var everyScopeButAdministration = Scopes.All.Except([Scopes.IdentityAdmin]).ToArray();
        using var reader = gateway.Front.CreateHttpClient().WithToken(TestTokens.For(OrganisationTypes.Housing, null, everyScopeButAdministration));
        using var administrator = gateway.Front.CreateHttpClient().WithToken(Administrator());

        using var withoutToken = await anonymous.GetAsync("/health/services");
        using var withoutScope = await reader.GetAsync("/health/services");
        using var allowed = await administrator.GetAsync("/health/services");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(AuthorizationProblems.UnauthorizedType, (await ProblemResponse.ReadAsync(withoutToken)).Type);
        Assert.Equal(HttpStatusCode.Forbidden, withoutScope.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Docs_and_service_health_spend_the_callers_budget_while_probes_do_not()
    {
        const int perMinute = 3;
        await using var limited = await GatewayHost.StartAsync(gateway.Settings(new Dictionary<string, string?>
        {
            ["RateLimits:KeyPrefix"] = $"gateway:tests:{Guid.NewGuid():N}",
            ["RateLimits:AnonymousPerMinute"] = perMinute.ToString(),
            ["RateLimits:ClientPerMinute"] = perMinute.ToString(),
        }));
        using var anonymous = limited.CreateHttpClient();
        using var administrator = limited.CreateHttpClient().WithToken(Administrator());

        async Task<List<HttpStatusCode>> Send(HttpClient client, string path, int times)
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < times; i++)
            {
                using var response = await client.GetAsync(path);
                statuses.Add(response.StatusCode);
            }

            return statuses;
        }

        var documents = await Send(anonymous, "/docs/fees/openapi.json", perMinute + 1);
        var reference = await Send(anonymous, "/docs/", 1);
        var health = await Send(administrator, "/health/services", perMinute + 2);

        Assert.InRange(documents.Count(status => status == HttpStatusCode.OK), perMinute, perMinute + 1);
        Assert.Contains(HttpStatusCode.TooManyRequests, documents.Concat(reference));
        Assert.InRange(health.Count(status => status == HttpStatusCode.OK), perMinute, perMinute + 1);
        Assert.Contains(HttpStatusCode.TooManyRequests, health);
        // Kubernetes' probes never wait for a budget.
        Assert.All(await Send(anonymous, "/health/live", 5), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(await Send(anonymous, "/health/ready", 5), status => Assert.Equal(HttpStatusCode.OK, status));
    }

    /// <summary>A platform administrator's token: the housing bureau's administrator, as identity issues it.</summary>
    private static string Administrator() =>
        TestTokens.For(OrganisationTypes.Housing, null, Scopes.IdentityAdmin);
}
