using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Governance.V1;
using Platform.Gateway.RateLimiting;
using Platform.Gateway.Security;
using Platform.TestKit;
using Yarp.ReverseProxy.Configuration;

namespace Platform.Gateway.Tests;

/// <summary>Each route names its policy: "&lt;service&gt;-api" needs a scope of that service; public, docs and sign-in are open.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RoutePolicyTests(GatewayFixture gateway)
{
    [Fact]
    public async Task A_token_without_a_governance_scope_is_a_403_problem_at_governance_routes()
    {
        using var client = gateway.Front.CreateHttpClient();

        using var response = await client.SendAsync(Requests.Get("/api/governance/v1/townships", TestTokens.For(OrganisationTypes.Housing, null, Scopes.FeesRead)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(AuthorizationProblems.ForbiddenType, problem.Type);
        Assert.Equal("无权访问此接口", problem.Title);
    }

    [Fact]
    public async Task A_token_of_another_service_never_reaches_the_service()
    {
        var marker = Requests.Marker();
        using var client = gateway.Front.CreateHttpClient();

        using var response = await client.SendAsync(Requests.Get($"/api/fees/v1/bills/{marker}", TestTokens.For(OrganisationTypes.Housing, null, Scopes.GovernanceRead, Scopes.FundsApprove)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(gateway.Echo.SeenWith(marker));
    }

    [Fact]
    public async Task A_route_that_names_no_policy_is_closed_to_anonymous_callers()
    {
        var marker = Requests.Marker();
        using var client = gateway.Front.CreateHttpClient();

        using var anonymous = await client.SendAsync(Requests.Get($"{GatewayFixture.UnguardedPath}/{marker}"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty(gateway.Echo.SeenWith(marker));

        // The fallback policy asks for an authenticated caller, nothing more.
        using var authenticated = await client.SendAsync(Requests.Get($"{GatewayFixture.UnguardedPath}/{marker}", TestTokens.For(OrganisationTypes.Police, null)));
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
    }

    [Theory]
    [InlineData("/public/fees/v1/disclosures")]
    [InlineData("/docs/fees/openapi.json")]
    [InlineData("/docs/governance/openapi.json")]
    [InlineData("/api/identity/v1/owner-sign-in/codes")]
    public async Task Public_docs_and_owner_sign_in_routes_need_no_token(string path)
    {
        using var client = gateway.Front.CreateHttpClient();

        using var response = await client.SendAsync(Requests.Get(path));

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
    }

    [Fact]
    public async Task The_token_endpoint_takes_anonymous_posts()
    {
        var marker = Requests.Marker();
        using var client = gateway.Front.CreateHttpClient();

        using var response = await client.PostAsync($"/connect/token?probe={marker}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "demo",
            ["client_secret"] = "secret",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(gateway.Echo.SeenWith(marker));
    }

    [Fact]
    public async Task The_identity_admin_API_needs_an_identity_scope()
    {
        var marker = Requests.Marker();
        var path = $"/api/identity/v1/clients/{marker}";
        using var client = gateway.Front.CreateHttpClient();

        using var anonymous = await client.SendAsync(Requests.Get(path));
        using var governance = await client.SendAsync(Requests.Get(path, TestTokens.For(OrganisationTypes.Housing, null, [.. Scopes.All.Where(scope => scope != Scopes.IdentityAdmin)])));
        using var admin = await client.SendAsync(Requests.Get(path, TestTokens.For(OrganisationTypes.Housing, null, Scopes.IdentityAdmin)));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, governance.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Single(gateway.Echo.SeenWith(marker));
    }

    [Fact]
    public void Every_configured_route_names_its_policy_and_is_rate_limited()
    {
        var routes = gateway.Front.Services.GetRequiredService<IProxyConfigProvider>().GetConfig().Routes
            .Where(route => route.RouteId != "unguarded")
            .ToList();
        string[] anonymous = ["identity-token", "identity-owner-sign-in"];

        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            var service = route.ClusterId!.Replace("-grpc", "", StringComparison.Ordinal);
            var open = route.RouteId.EndsWith("-public", StringComparison.Ordinal) || route.RouteId.EndsWith("-docs", StringComparison.Ordinal) || anonymous.Contains(route.RouteId);
            Assert.True(
                route.AuthorizationPolicy == (open ? "anonymous" : RoutePolicies.For(service)),
                $"route {route.RouteId}: policy {route.AuthorizationPolicy ?? "(none)"}");
            Assert.True(
                route.RateLimiterPolicy == CallerRateLimitPolicy.Name,
                $"route {route.RouteId}: rate limiter policy {route.RateLimiterPolicy ?? "(none)"}");
        }

        Assert.All(RoutePolicies.Services, service => Assert.Contains(routes, route => route.RouteId == service));
        // The token endpoint alone carries the limits per client_id and on failed client authentication.
        Assert.Equal(
            ["identity-token"],
            routes.Where(route => route.Metadata?.GetValueOrDefault(TokenEndpointLimits.MetadataKey) == TokenEndpointLimits.MetadataValue)
                .Select(route => route.RouteId));
    }

    public static TheoryData<string> RegistryCallers => new() { "registrar", "township", "company", "platform-service" };

    [Theory]
    [MemberData(nameof(RegistryCallers))]
    public async Task Governance_internal_gRPC_is_not_routed_through_the_gateway_for_any_token(string caller)
    {
        using var channel = GrpcChannel.ForAddress(gateway.Front.GrpcAddress);
        var registry = new RegistryLookup.RegistryLookupClient(channel);
        var token = caller switch
        {
            "registrar" => TestTokens.Registrar,
            "township" => TestTokens.For(OrganisationTypes.Township, Guid.NewGuid(), [.. Scopes.All]),
            "company" => TestTokens.For(OrganisationTypes.PropertyCompany, Guid.NewGuid(), Scopes.GovernanceRead),
            _ => TestTokens.For(OrganisationTypes.PlatformService, null, Scopes.GovernanceRead),
        };
        var headers = new Metadata { { "Authorization", $"Bearer {token}" } };

        var byPhone = await Assert.ThrowsAsync<RpcException>(
            () => registry.FindOwnerByPhoneAsync(new FindOwnerByPhoneRequest { Phone = "13800000000" }, headers, DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        var units = await Assert.ThrowsAsync<RpcException>(() => registry.ListCommunityUnitsAsync(
            new ListCommunityUnitsRequest { CommunityId = Guid.NewGuid().ToString() }, headers, DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        // No route: the gateway answers 404, which gRPC reads as UNIMPLEMENTED; governance never sees the call.
        Assert.Equal(StatusCode.Unimplemented, byPhone.StatusCode);
        Assert.Equal(StatusCode.Unimplemented, units.StatusCode);
    }

    [Fact]
    public void The_only_gRPC_routed_through_the_gateway_is_parking_gate_control()
    {
        var grpcRoutes = gateway.Front.Services.GetRequiredService<IProxyConfigProvider>().GetConfig().Routes
            .Where(route => route.ClusterId!.EndsWith("-grpc", StringComparison.Ordinal))
            .Select(route => $"{route.ClusterId} {route.Match.Path}")
            .ToList();

        Assert.Equal(["parking-grpc /platform.parking.v1.GateControl/{grpcMethod}"], grpcRoutes);
    }
}
