using System.Net;
using Platform.BuildingBlocks.Security;
using Platform.Gateway.RateLimiting;
using Platform.TestKit;

namespace Platform.Gateway.Tests;

/// <summary>Limits per client and per owner, counted in Redis and so shared by every gateway replica.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RateLimitTests(GatewayFixture gateway)
{
    private static readonly string[] GovernanceReader = [Scopes.GovernanceRead];

    [Fact]
    public async Task A_client_ten_times_over_its_limit_gets_429s_across_both_replicas_while_another_client_still_passes()
    {
        var clientA = TestTokens.For(OrganisationTypes.Housing, null, GovernanceReader);
        var clientB = TestTokens.For(OrganisationTypes.Housing, null, GovernanceReader);
        using var front = gateway.Front.CreateHttpClient();
        using var replica = gateway.Replica.CreateHttpClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 10 * GatewayFixture.ClientPerMinute).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? front : replica).SendAsync(Requests.Get("/api/governance/v1/townships", clientA));
            return response.StatusCode;
        }));
        using var other = await replica.SendAsync(Requests.Get("/api/governance/v1/townships", clientB));

        var passed = statuses.Count(status => status == HttpStatusCode.OK);
        // One limit for both replicas (separate counts would let 20 through); one more may pass when a minute turns.
        Assert.InRange(passed, GatewayFixture.ClientPerMinute, GatewayFixture.ClientPerMinute + 1);
        Assert.Equal(statuses.Length - passed, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Over_the_limit_is_a_429_problem_with_Retry_After_in_the_callers_language()
    {
        var token = TestTokens.For(OrganisationTypes.Housing, null, Scopes.FeesRead);
        using var client = gateway.Front.CreateHttpClient();
        for (var i = 0; i < GatewayFixture.ClientPerMinute; i++)
        {
            using var allowed = await client.SendAsync(Requests.Get($"/api/fees/v1/bills/{i}", token));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var chinese = await client.SendAsync(Requests.Get("/api/fees/v1/bills/over", token));
        using var english = await client.SendAsync(Requests.Get("/api/fees/v1/bills/over", token, "en"));

        Assert.Equal(HttpStatusCode.TooManyRequests, chinese.StatusCode);
        var retryAfter = chinese.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), 2 * RateLimitOptions.Window);
        var problem = await ProblemResponse.ReadAsync(chinese);
        Assert.Equal(CallerRateLimitPolicy.RateLimitedType, problem.Type);
        Assert.Equal("请求过于频繁", problem.Title);
        Assert.Equal("Too many requests", (await ProblemResponse.ReadAsync(english)).Title);
    }

    [Fact]
    public async Task An_owner_is_limited_as_one_person_whichever_token_or_replica_they_use()
    {
        var owner = Guid.NewGuid();
        string[] ownerTokens = [TestTokens.ForOwner(owner), TestTokens.ForOwner(owner)];
        var otherOwner = TestTokens.ForOwner(Guid.NewGuid());
        using var front = gateway.Front.CreateHttpClient();
        using var replica = gateway.Replica.CreateHttpClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2 * GatewayFixture.OwnerPerMinute; i++)
        {
            using var response = await (i % 2 == 0 ? front : replica).SendAsync(Requests.Get("/api/fees/v1/bills/mine", ownerTokens[i / 2 % 2]));
            statuses.Add(response.StatusCode);
        }

        using var other = await front.SendAsync(Requests.Get("/api/fees/v1/bills/mine", otherOwner));

        Assert.InRange(statuses.Count(status => status == HttpStatusCode.OK), GatewayFixture.OwnerPerMinute, GatewayFixture.OwnerPerMinute + 1);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_client_named_in_configuration_gets_its_own_limit()
    {
        var token = TestTokens.Issue(new TokenRequest(OrganisationTypes.PropertyCompany, Guid.NewGuid(), [Scopes.FeesRead]) { ClientId = GatewayFixture.BulkClientId });
        using var client = gateway.Front.CreateHttpClient();

        var passed = 0;
        for (var i = 0; i < GatewayFixture.BulkClientPerMinute + 5; i++)
        {
            using var response = await client.SendAsync(Requests.Get("/api/fees/v1/bills", token));
            passed += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.InRange(passed, GatewayFixture.BulkClientPerMinute, GatewayFixture.BulkClientPerMinute + 1);
    }

    [Fact]
    public async Task Anonymous_callers_are_limited_by_address_and_probes_are_not()
    {
        const int anonymousPerMinute = 3;
        await using var limited = await GatewayHost.StartAsync(gateway.Settings(new Dictionary<string, string?>
        {
            ["RateLimits:KeyPrefix"] = $"gateway:tests:{Guid.NewGuid():N}",
            ["RateLimits:AnonymousPerMinute"] = anonymousPerMinute.ToString(),
        }));
        using var client = limited.CreateHttpClient();

        async Task<HttpStatusCode[]> Send(string path, int times)
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < times; i++)
            {
                using var response = await client.SendAsync(Requests.Get(path));
                statuses.Add(response.StatusCode);
            }

            return [.. statuses];
        }

        var disclosures = await Send("/public/fees/v1/disclosures", anonymousPerMinute + 3);
        Assert.InRange(disclosures.Count(status => status == HttpStatusCode.OK), anonymousPerMinute, anonymousPerMinute + 1);
        Assert.Contains(HttpStatusCode.TooManyRequests, disclosures);

        // Probes are not counted: they still answer (docs and service health are: OperationalEndpointTests).
        Assert.All(await Send("/health/live", 5), status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task With_Redis_unreachable_requests_pass_unlimited_and_one_warning_is_logged()
    {
        await using var withoutRedis = await GatewayHost.StartAsync(gateway.Settings(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = $"127.0.0.1:{FreePort.Next()}",
            ["RateLimits:ClientPerMinute"] = "1",
        }));
        using var client = withoutRedis.CreateHttpClient();
        var token = TestTokens.For(OrganisationTypes.Housing, null, GovernanceReader);

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.SendAsync(Requests.Get("/api/governance/v1/townships", token));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var warnings = withoutRedis.Logs.Entries.Where(entry => entry.Category == typeof(RedisOutageLog).FullName).ToList();
        Assert.Single(warnings);
        Assert.Contains("rate limits are not enforced", warnings[0].Message, StringComparison.Ordinal);
    }
}
