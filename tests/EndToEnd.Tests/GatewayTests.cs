using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class GatewayTests(PlatformFixture platform)
{
    [Fact]
    public async Task Docs_list_every_service_and_serve_their_OpenAPI_documents()
    {
        var page = await platform.Client.GetStringAsync("/docs/");
        foreach (var service in new[] { "governance", "fees", "funds", "parking", "eldercare" })
        {
            Assert.Contains($"\"{service}\"", page);
            var document = await platform.Client.GetFromJsonAsync<JsonElement>($"/docs/{service}/openapi.json");
            Assert.True(document.GetProperty("paths").TryGetProperty($"/api/{service}/v1/registry/units/{{unitId}}", out _) || service == "governance");
        }

        var governance = await platform.Client.GetFromJsonAsync<JsonElement>("/docs/governance/openapi.json");
        Assert.True(governance.GetProperty("paths").TryGetProperty("/api/governance/v1/communities/{communityId}/imports", out _));
    }

    [Fact]
    public async Task Service_health_is_aggregated_at_the_gateway()
    {
        var response = await platform.Client.GetAsync("/health/services");

        var services = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("services");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var service in new[] { "governance", "fees", "funds", "parking", "eldercare", "identity" })
        {
            Assert.Equal("Healthy", services.GetProperty(service).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem()
    {
        var response = await platform.Client.PostAsync("/api/governance/v1/townships", new StringContent(new string('x', 2 * 1024 * 1024), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.EndsWith("/payload-too-large", (await ProblemResponse.ReadAsync(response)).Type);
    }

    [Fact]
    public async Task Registry_writes_through_the_gateway_get_problem_details_for_bad_input()
    {
        var response = await platform.Client.PostAsJsonAsync("/api/governance/v1/communities", new { name = "No township" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("townshipId", (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
    }
}
