using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Security;
using Platform.TestKit;

namespace Platform.Gateway.Tests;

/// <summary>What a caller writes into forwarding, gateway-reserved, cookie or hop-by-hop headers does not reach a service.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SpoofableHeaderTests(GatewayFixture gateway)
{
    [Fact]
    public async Task Spoofed_forwarding_and_platform_headers_do_not_reach_the_service_as_sent()
    {
        var marker = Requests.Marker();
        using var client = gateway.Front.CreateHttpClient();
        var token = TestTokens.For(OrganisationTypes.Housing, null, Scopes.FeesRead);
        using var request = Requests.Get($"/api/fees/v1/bills/{marker}", token);
        request.Headers.Add("X-Forwarded-For", "203.0.113.66");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Prefix", "/admin");
        request.Headers.Add("X-Forwarded-Server", "evil.example");
        request.Headers.Add("Forwarded", "for=203.0.113.66;host=evil.example;proto=https");
        request.Headers.Add("X-Real-IP", "203.0.113.66");
        request.Headers.Add("X-Original-URL", "/api/identity/v1/clients");
        request.Headers.Add("X-Original-For", "203.0.113.66");
        request.Headers.Add("X-Platform-Caller", "housing-bureau");
        request.Headers.Add("x-platform-org-id", Guid.NewGuid().ToString());
        request.Headers.Add("Cookie", "session=stolen");
        request.Headers.Add("X-Request-Note", "kept");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(gateway.Echo.SeenWith(marker)).Headers;
        Assert.Equal("127.0.0.1", seen["X-Forwarded-For"]);
        Assert.Equal($"127.0.0.1:{gateway.Front.HttpAddress.Port}", seen["X-Forwarded-Host"]);
        Assert.Equal("http", seen["X-Forwarded-Proto"]);
        foreach (var spoofed in new[] { "X-Forwarded-Prefix", "X-Forwarded-Server", "Forwarded", "X-Real-IP", "X-Original-URL", "X-Original-For", "X-Platform-Caller", "X-Platform-Org-Id", "Cookie" })
        {
            Assert.False(seen.ContainsKey(spoofed), $"{spoofed} reached the service: {seen.GetValueOrDefault(spoofed)}");
        }

        // The token goes on (services validate it too), and so do ordinary headers.
        Assert.Equal($"Bearer {token}", seen["Authorization"]);
        Assert.Equal("kept", seen["X-Request-Note"]);
    }

    [Fact]
    public async Task Hop_by_hop_headers_stay_at_the_gateway()
    {
        var marker = Requests.Marker();
        using var client = gateway.Front.CreateHttpClient();
        using var request = Requests.Get($"/api/fees/v1/bills/{marker}", TestTokens.For(OrganisationTypes.Housing, null, Scopes.FeesRead));
        request.Headers.Connection.Add("X-Hop-Secret");
        request.Headers.Add("X-Hop-Secret", "for the next hop only");
        request.Headers.TryAddWithoutValidation("Keep-Alive", "timeout=5");
        request.Headers.TryAddWithoutValidation("Proxy-Connection", "keep-alive");
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic c3Bvb2Y6c3Bvb2Y=");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(gateway.Echo.SeenWith(marker)).Headers;
        foreach (var hop in new[] { "X-Hop-Secret", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization" })
        {
            Assert.False(seen.ContainsKey(hop), $"{hop} reached the service: {seen.GetValueOrDefault(hop)}");
        }

        Assert.DoesNotContain("X-Hop-Secret", seen.GetValueOrDefault("Connection") ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_echo_shows_what_the_service_read()
    {
        using var client = gateway.Front.CreateHttpClient();
        using var request = Requests.Get("/api/fees/v1/bills/echo", TestTokens.For(OrganisationTypes.Housing, null, Scopes.FeesRead));
        request.Headers.Add("X-Forwarded-For", "203.0.113.66");

        var echoed = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<Dictionary<string, string>>();

        Assert.Equal("127.0.0.1", echoed!["X-Forwarded-For"]);
    }
}
