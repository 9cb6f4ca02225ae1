using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Platform.BuildingBlocks.Security;
using Platform.Gateway.RateLimiting;
using Platform.Governance.Tests;
using Platform.TestKit;

namespace Platform.Identity.Tests;

/// <summary>
/// /connect/token through a gateway behind a trusted proxy (the tests' loopback connection plays the ingress and
/// names the caller in X-Forwarded-For): limited per client address, per client_id, and failed client
/// authentication (identity's 401 invalid_client) throttled per client_id and per address.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class TokenEndpointLimitTests(IdentityPlatform platform)
{
    private const int TokensPerClient = 3;
    private const int FailuresPerAddress = 3;
    private const int FailuresPerClient = 4;

    [Fact]
    public async Task A_client_id_is_limited_however_many_addresses_ask_for_its_tokens_and_another_client_is_not()
    {
        var client = await platform.RegisterClient(OrganisationTypes.Township, Guid.NewGuid());
        var other = await platform.RegisterClient(OrganisationTypes.Township, Guid.NewGuid());
        await using var gateway = await Gateway();
        using var http = gateway.CreateHttpClient();

        // A new address for every request, half of them naming the client in HTTP Basic rather than the form.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TokensPerClient + 3; i++)
        {
            statuses.Add(await RequestToken(http, Address(), client.ClientId, client.ClientSecret, basic: i % 2 == 1));
        }

        var otherStatus = await RequestToken(http, Address(), other.ClientId, other.ClientSecret);

        Assert.InRange(statuses.Count(status => status == HttpStatusCode.OK), TokensPerClient, TokensPerClient + 1);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, otherStatus);
    }

    [Fact]
    public async Task An_address_that_keeps_failing_client_authentication_is_throttled_and_others_are_not()
    {
        var client = await platform.RegisterClient(OrganisationTypes.Township, Guid.NewGuid());
        await using var gateway = await Gateway();
        using var http = gateway.CreateHttpClient();
        var guesser = Address();

        // Secrets guessed for many clients (so no one client's failure budget is spent) from one address.
        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < FailuresPerAddress + 2; i++)
        {
            guesses.Add(await RequestToken(http, guesser, $"guessed-{RegistryClient.Next()}", "not-the-secret"));
        }

        var guesserWithTheSecret = await RequestToken(http, guesser, client.ClientId, client.ClientSecret);
        var elsewhere = await RequestToken(http, Address(), client.ClientId, client.ClientSecret);

        Assert.InRange(guesses.Count(status => status == HttpStatusCode.Unauthorized), FailuresPerAddress, FailuresPerAddress + 1);
        Assert.Contains(HttpStatusCode.TooManyRequests, guesses);
        Assert.Equal(HttpStatusCode.TooManyRequests, guesserWithTheSecret);
        Assert.Equal(HttpStatusCode.OK, elsewhere);
    }

    [Fact]
    public async Task A_client_id_whose_secret_keeps_failing_is_throttled_from_every_address_and_others_are_not()
    {
        var client = await platform.RegisterClient(OrganisationTypes.Township, Guid.NewGuid());
        var other = await platform.RegisterClient(OrganisationTypes.Township, Guid.NewGuid());
        await using var gateway = await Gateway(new Dictionary<string, string?>
        {
            // Room for the failures: this test is about failed authentication, not the per-client token budget.
            ["RateLimits:TokenPerClientPerMinute"] = "100",
        });
        using var http = gateway.CreateHttpClient();

        // Guesses spread over addresses, each under its own failure budget.
        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < FailuresPerClient + 2; i++)
        {
            guesses.Add(await RequestToken(http, Address(), client.ClientId, "not-the-secret", basic: i % 2 == 1));
        }

        var fresh = Address();
        var withTheSecret = await RequestToken(http, fresh, client.ClientId, client.ClientSecret);
        var otherClient = await RequestToken(http, fresh, other.ClientId, other.ClientSecret);

        Assert.InRange(guesses.Count(status => status == HttpStatusCode.Unauthorized), FailuresPerClient, FailuresPerClient + 1);
        Assert.Contains(HttpStatusCode.TooManyRequests, guesses);
        Assert.Equal(HttpStatusCode.TooManyRequests, withTheSecret);
        Assert.Equal(HttpStatusCode.OK, otherClient);
    }

    [Fact]
    public async Task A_throttled_token_request_is_a_429_problem_with_Retry_After()
    {
        await using var gateway = await Gateway();
        using var http = gateway.CreateHttpClient();
        var guesser = Address();
        for (var i = 0; i < FailuresPerAddress; i++)
        {
            await RequestToken(http, guesser, $"guessed-{RegistryClient.Next()}", "not-the-secret");
        }

        var guessed = $"guessed-{RegistryClient.Next()}";
        using var response = await http.SendAsync(TokenRequest(guesser, guessed, "not-the-secret", basic: false));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.Equal(CallerRateLimitPolicy.RateLimitedType, (await ProblemResponse.ReadAsync(response)).Type);
    }

    /// <summary>A gateway in front of the platform's identity host that trusts loopback as its ingress, with small limits.</summary>
    private async Task<ServiceHost<Gateway.Program>> Gateway(IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:identity:Destinations:primary:Address"] = platform.Identity.HttpAddress.ToString(),
            ["Gateway:TrustedProxies:0"] = "127.0.0.1/32",
            ["RateLimits:KeyPrefix"] = $"gateway:tests:{Guid.NewGuid():N}",
            ["RateLimits:AnonymousPerMinute"] = "100000",
            ["RateLimits:TokenPerClientPerMinute"] = TokensPerClient.ToString(),
            ["RateLimits:FailedAuthenticationsPerAddress"] = FailuresPerAddress.ToString(),
            ["RateLimits:FailedAuthenticationsPerClient"] = FailuresPerClient.ToString(),
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var gateway = new ServiceHost<Gateway.Program>("gateway", settings);
        await gateway.StartAsync();
        return gateway;
    }

    private static string Address() => $"198.51.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";

    private static async Task<HttpStatusCode> RequestToken(
        HttpClient http, string address, string clientId, string secret, bool basic = false)
    {
        using var response = await http.SendAsync(TokenRequest(address, clientId, secret, basic));
        return response.StatusCode;
    }

    /// <summary>Client credentials as the ingress forwards them: client_secret_post, or client_secret_basic.</summary>
    private static HttpRequestMessage TokenRequest(string address, string clientId, string secret, bool basic)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = Scopes.GovernanceRead };
        var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token");
        if (basic)
        {
            var credentials = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}";
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", encoded);
        }
        else
        {
            form["client_id"] = clientId;
            form["client_secret"] = secret;
        }

        request.Content = new FormUrlEncodedContent(form);
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }
}
