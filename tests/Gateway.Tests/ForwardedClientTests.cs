using System.Net;

namespace Platform.Gateway.Tests;

/// <summary>
/// Behind the ingress every connection comes from the ingress pod: the gateway reads the caller's address from
/// X-Forwarded-For, but only when the connection comes from a proxy named in Gateway:TrustedProxies, and only the entry
/// that proxy appended (the last one). Here the tests' own loopback connection plays the ingress.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ForwardedClientTests(GatewayFixture gateway)
{
    private const int AnonymousPerMinute = 3;

    [Fact]
    public async Task Two_client_addresses_behind_a_trusted_proxy_have_separate_budgets()
    {
        await using var behindIngress = await Gateway(trustedProxies: "127.0.0.1/32");
        using var client = behindIngress.CreateHttpClient();

        var first = await Send(client, AnonymousPerMinute + 2, _ => "203.0.113.10");
        var marker = Requests.Marker();
        using var second = await client.SendAsync(Forwarded($"/public/fees/v1/disclosures/{marker}", "203.0.113.20"));

        Assert.InRange(first.Count(status => status == HttpStatusCode.OK), AnonymousPerMinute, AnonymousPerMinute + 1);
        Assert.Contains(HttpStatusCode.TooManyRequests, first);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        // The service hears of the caller, not of the ingress.
        Assert.Equal("203.0.113.20", Assert.Single(gateway.Echo.SeenWith(marker)).Headers["X-Forwarded-For"]);
    }

    [Fact]
    public async Task Only_the_entry_the_trusted_proxy_appended_counts_not_what_the_caller_wrote_before_it()
    {
        await using var behindIngress = await Gateway(trustedProxies: "127.0.0.1/32");
        using var client = behindIngress.CreateHttpClient();

        // One caller (198.51.100.7, as the ingress saw it) inventing a new address in front on every request.
        var statuses = await Send(client, AnonymousPerMinute + 2, i => $"192.0.2.{i + 1}, 198.51.100.7");

        Assert.InRange(statuses.Count(status => status == HttpStatusCode.OK), AnonymousPerMinute, AnonymousPerMinute + 1);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.0.0.0/8")]
    public async Task A_forged_X_Forwarded_For_from_an_untrusted_peer_is_ignored(string? trustedProxies)
    {
        await using var direct = await Gateway(trustedProxies);
        using var client = direct.CreateHttpClient();

        var statuses = await Send(client, AnonymousPerMinute + 2, i => $"203.0.113.{i + 1}");
        var marker = Requests.Marker();
        using var forged = await client.SendAsync(Forwarded($"/public/fees/v1/disclosures/{marker}", "203.0.113.99"));

        // One budget, the connection's: a new address per request bought nothing.
        Assert.InRange(statuses.Count(status => status == HttpStatusCode.OK), AnonymousPerMinute, AnonymousPerMinute + 1);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, forged.StatusCode);
        Assert.Empty(gateway.Echo.SeenWith(marker));
    }

    private Task<GatewayHost> Gateway(string? trustedProxies)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimits:KeyPrefix"] = $"gateway:tests:{Guid.NewGuid():N}",
            ["RateLimits:AnonymousPerMinute"] = AnonymousPerMinute.ToString(),
        };
        if (trustedProxies is not null)
        {
            settings["Gateway:TrustedProxies:0"] = trustedProxies;
        }

        return GatewayHost.StartAsync(gateway.Settings(settings));
    }

    private static HttpRequestMessage Forwarded(string path, string forwardedFor)
    {
        var request = Requests.Get(path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    private static async Task<List<HttpStatusCode>> Send(HttpClient client, int times, Func<int, string> forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            using var response = await client.SendAsync(Forwarded("/public/fees/v1/disclosures", forwardedFor(i)));
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
