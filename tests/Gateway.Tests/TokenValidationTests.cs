using System.Net;
using Platform.BuildingBlocks.Security;
using Platform.Gateway.Security;
using Platform.TestKit;

namespace Platform.Gateway.Tests;

/// <summary>The gateway validates tokens itself: a caller without a good one never reaches a service.</summary>
[Collection(GatewayCollection.Name)]
public sealed class TokenValidationTests(GatewayFixture gateway)
{
    private static TokenRequest FeesReader => new(OrganisationTypes.Housing, null, [Scopes.FeesRead]);

    public static TheoryData<string> BrokenTokens =>
        ["expired", "wrong audience", "wrong issuer", "alg none", "tampered", "stranger key", "not a token", "plain JWT", "id token"];

    /// <summary>Signed by the right key with the right claims, but not an access token: its "typ" says what it is.</summary>
    public static TheoryData<string> OtherTokenTypes => ["JWT", "id_token+jwt", "logout+jwt"];

    /// <summary>A token that would read fees, broken one way.</summary>
    private static string Broken(string how) => how switch
    {
        "expired" => TestTokens.Issue(FeesReader with { Shift = TimeSpan.FromHours(-1) }),
        "wrong audience" => TestTokens.Issue(FeesReader with { Audience = "someone-else" }),
        "wrong issuer" => TestTokens.Issue(FeesReader with { Issuer = "https://impostor.example/" }),
        "alg none" => TestTokens.Unsigned(TestTokens.Issue(FeesReader)),
        "tampered" => TestTokens.Tampered(TestTokens.Issue(FeesReader)),
        "stranger key" => TestTokens.Issue(FeesReader with { SignWithStrangerKey = true }),
        "plain JWT" => TestTokens.Issue(FeesReader with { TokenType = "JWT" }),
        "id token" => TestTokens.Issue(FeesReader with { TokenType = "id_token+jwt" }),
        _ => "not-a-jwt",
    };

    [Fact]
    public async Task A_request_without_a_token_is_a_401_problem_and_never_reaches_the_service()
    {
        var marker = Requests.Marker();
        using var client = gateway.Front.CreateHttpClient();

        using var response = await client.SendAsync(Requests.Get($"/api/fees/v1/bills/{marker}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(AuthorizationProblems.UnauthorizedType, problem.Type);
        Assert.Equal("需要有效的访问令牌", problem.Title);
        Assert.Empty(gateway.Echo.SeenWith(marker));
    }

    [Fact]
    public async Task A_request_without_a_token_to_governance_is_a_401_problem_in_English_when_asked()
    {
        using var client = gateway.Front.CreateHttpClient();

        using var response = await client.SendAsync(Requests.Get("/api/governance/v1/townships", language: "en"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("A valid access token is required", (await ProblemResponse.ReadAsync(response)).Title);
    }

    [Theory]
    [MemberData(nameof(BrokenTokens))]
    public async Task A_broken_token_is_a_401_at_the_gateway(string broken)
    {
        var token = Broken(broken);
        var marker = Requests.Marker();
        using var client = gateway.Front.CreateHttpClient();

        using var response = await client.SendAsync(Requests.Get($"/api/fees/v1/bills/{marker}", token));

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{broken}: {response.StatusCode}");
        Assert.Equal(AuthorizationProblems.UnauthorizedType, (await ProblemResponse.ReadAsync(response)).Type);
        Assert.Empty(gateway.Echo.SeenWith(marker));
    }

    [Fact]
    public async Task The_same_token_unbroken_passes()
    {
        var marker = Requests.Marker();
        using var client = gateway.Front.CreateHttpClient();

        using var response = await client.SendAsync(Requests.Get($"/api/fees/v1/bills/{marker}", TestTokens.Issue(FeesReader)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(gateway.Echo.SeenWith(marker));
    }

    [Fact]
    public async Task A_governance_token_reaches_the_governance_service()
    {
        using var client = gateway.Front.CreateHttpClient();
        var token = TestTokens.For(OrganisationTypes.Housing, null, Scopes.GovernanceRead, Scopes.GovernanceWrite);

        using var response = await client.SendAsync(Requests.Get("/api/governance/v1/townships", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(OtherTokenTypes))]
    public async Task A_signed_token_that_is_not_typed_at_jwt_is_a_401_at_a_service_too(string type)
    {
        using var governance = gateway.Governance.CreateHttpClient();
        var token = TestTokens.Issue(new TokenRequest(OrganisationTypes.Housing, null, [Scopes.GovernanceRead]) { TokenType = type });

        using var response = await governance.SendAsync(Requests.Get("/api/governance/v1/townships", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("at+jwt")]
    [InlineData("application/at+jwt")]
    public async Task An_access_token_typed_either_way_RFC_9068_allows_passes_the_gateway_and_a_service(string type)
    {
        var token = TestTokens.Issue(new TokenRequest(OrganisationTypes.Housing, null, [Scopes.GovernanceRead]) { TokenType = type });
        using var client = gateway.Front.CreateHttpClient();
        using var governance = gateway.Governance.CreateHttpClient();

        using var throughGateway = await client.SendAsync(Requests.Get("/api/governance/v1/townships", token));
        using var direct = await governance.SendAsync(Requests.Get("/api/governance/v1/townships", token));

        Assert.Equal(HttpStatusCode.OK, throughGateway.StatusCode);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
    }
}
