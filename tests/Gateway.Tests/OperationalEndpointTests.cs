using System.Net;
using System.Text.Json;
using Platform.TestKit;

namespace Platform.Gateway.Tests;

/// <summary>The gateway's own endpoints answer without a token: probes, its OpenAPI document, the reference and service health.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OperationalEndpointTests(GatewayFixture gateway)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/docs/")]
    [InlineData("/health/services")]
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
        using var client = withoutIdentity.CreateHttpClient();

        using var response = await client.GetAsync("/health/services");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var services = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("services");
        Assert.Equal("Unreachable", services.GetProperty("identity").GetProperty("status").GetString());
        foreach (var service in new[] { "governance", "fees", "funds", "parking", "eldercare" })
        {
            Assert.Equal("Healthy", services.GetProperty(service).GetProperty("status").GetString());
        }
    }
}
