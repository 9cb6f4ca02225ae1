using System.Net;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.TestKit;

namespace Platform.Gateway.Tests;

/// <summary>A service that is down (its port refuses connections) is a fault the client may retry: 503 with Retry-After.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ServiceFaultTests(GatewayFixture gateway)
{
    [Fact]
    public async Task A_service_that_refuses_connections_is_a_503_problem_with_Retry_After()
    {
        await using var withoutFees = await GatewayHost.StartAsync(gateway.Settings(new Dictionary<string, string?>
        {
            [GatewayHost.ClusterAddress("fees")] = $"http://127.0.0.1:{FreePort.Next()}",
        }));
        using var client = withoutFees.CreateHttpClient();

        using var response = await client.SendAsync(Requests.Get($"/api/fees/v1/bills/{Guid.NewGuid()}",
            TestTokens.For(OrganisationTypes.Housing, null, Scopes.FeesRead)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {response.Headers.RetryAfter}");
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(ProblemTypes.ServiceUnavailable, problem.Type);
        Assert.Equal("服务暂时不可用", problem.Title);
    }
}
