using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Security;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Every REST endpoint of every service, called through the gateway and directly: without a token,
/// with each kind of broken token, with another service's scopes, and as a partner reaching into
/// another partner's community. The endpoints are read from the running hosts, so a new endpoint is
/// covered the day it is mapped.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AccessMatrixTests(PlatformFixture platform, AccessMatrixTests.Partners partners) : IClassFixture<AccessMatrixTests.Partners>
{
    [Fact]
    public async Task Every_endpoint_is_401_without_a_token()
    {
        var failures = await Check(_ => null, HttpStatusCode.Unauthorized);

        Assert.Empty(failures);
    }

    public static TheoryData<string> BrokenTokens => ["expired", "wrong-audience", "wrong-issuer", "alg-none", "tampered", "unknown-key"];

    [Theory]
    [MemberData(nameof(BrokenTokens))]
    public async Task Every_endpoint_is_401_with_a_broken_token(string kind)
    {
        var valid = new TokenRequest(OrganisationTypes.Housing, null, Scopes.All);
        var token = kind switch
        {
            "expired" => TestTokens.Issue(valid with { Shift = TimeSpan.FromHours(-1) }),
            "wrong-audience" => TestTokens.Issue(valid with { Audience = "some-other-api" }),
            "wrong-issuer" => TestTokens.Issue(valid with { Issuer = "https://evil.example/" }),
            "alg-none" => TestTokens.Unsigned(TestTokens.Registrar),
            "tampered" => TestTokens.Tampered(TestTokens.For(OrganisationTypes.PropertyCompany, partners.CompanyA, Scopes.GovernanceRead)),
            _ => TestTokens.Issue(valid with { SignWithStrangerKey = true }),
        };

        var failures = await Check(_ => token, HttpStatusCode.Unauthorized);

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_endpoint_is_403_with_only_other_services_scopes()
    {
        var failures = await Check(
            endpoint => TestTokens.For(OrganisationTypes.Housing, null, [.. Scopes.All.Where(scope => !scope.StartsWith(endpoint.Service + ".", StringComparison.Ordinal))]),
            HttpStatusCode.Forbidden);

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_endpoint_is_403_with_every_scope_but_the_one_it_names()
    {
        // The organisation the endpoint asks for, if any, so the one missing scope is the only reason to refuse.
        static string Organisation(Endpoint endpoint) =>
            endpoint.Policies.FirstOrDefault(p => p.StartsWith(ScopePolicyProvider.OrganisationPrefix, StringComparison.Ordinal))?[
                ScopePolicyProvider.OrganisationPrefix.Length..] ?? OrganisationTypes.Housing;
        var scoped = Endpoints().Where(endpoint => RequiredScope(endpoint) is not null).ToList();
        Assert.Equal([], Endpoints().Where(endpoint => RequiredScope(endpoint) is null).Select(endpoint => $"{endpoint.Method} {endpoint.Pattern}"));

        var failures = await Check(
            endpoint => TestTokens.For(Organisation(endpoint), null, [.. Scopes.All.Where(scope => scope != RequiredScope(endpoint))]),
            HttpStatusCode.Forbidden,
            scoped);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// A scope an organisation gets by default must open something to it: an endpoint naming the scope whose
    /// organisation, county-wide or registrar rule admits that organisation (for a parking operator, one open to it).
    /// Finance's funds.approve used to open nothing: the one endpoint naming it was the housing bureau's.
    /// </summary>
    [Fact]
    public void Every_scope_an_organisation_gets_by_default_opens_at_least_one_endpoint_to_it()
    {
        var endpoints = Endpoints();
        bool Admits(Endpoint endpoint, string type) => endpoint.Policies.All(policy => policy switch
        {
            ScopePolicyProvider.CountyWide => OrganisationTypes.Departments.Contains(type),
            ScopePolicyProvider.Registrar => OrganisationTypes.Departments.Contains(type) || type == OrganisationTypes.Township,
            _ when policy.StartsWith(ScopePolicyProvider.OrganisationPrefix, StringComparison.Ordinal) =>
                policy[ScopePolicyProvider.OrganisationPrefix.Length..] == type,
            _ => true,
        }) && (type != OrganisationTypes.ParkingOperator || OperatorEndpoints.Contains(endpoint.Name));

        var idle = OrganisationTypes.Departments.Concat(OrganisationTypes.Partners).Append(OrganisationTypes.Owner)
            .SelectMany(type => ScopeGrants.Defaults(type).Select(scope => (Type: type, Scope: scope)))
            .Where(grant => !endpoints.Any(endpoint => RequiredScope(endpoint) == grant.Scope && Admits(endpoint, grant.Type)))
            .Select(grant => $"{grant.Type}: {grant.Scope}")
            .ToList();

        Assert.True(idle.Count == 0, "default scopes that open nothing:\n" + string.Join("\n", idle));
    }

    private static string? RequiredScope(Endpoint endpoint) =>
        endpoint.Policies.FirstOrDefault(p => p.StartsWith(ScopePolicyProvider.Prefix, StringComparison.Ordinal))?[ScopePolicyProvider.Prefix.Length..];

    [Fact]
    public async Task A_partner_acting_on_another_partners_community_gets_404_where_the_owner_of_it_gets_through()
    {
        // Property companies are a public register and identity's clients belong to no community; what only one
        // department or only county departments may do (star ratings by the housing bureau, deposits into the fund) is
        // refused to every partner and township outright.
        var objectEndpoints = Endpoints()
            .Where(e => e.Pattern.Contains('{') && !e.Pattern.Contains("{companyId") && !e.Pattern.Contains("{clientId"))
            .Where(e => !e.Policies.Any(policy => policy.StartsWith(ScopePolicyProvider.OrganisationPrefix, StringComparison.Ordinal) || policy == ScopePolicyProvider.CountyWide))
            .ToList();
        Assert.True(objectEndpoints.Count >= 10, $"only {objectEndpoints.Count} endpoints act on an object");

        // Reads as property company A on company B's community; registry writes as township A on township B's.
        var failures = await Check(
            endpoint => endpoint.Method == "GET"
                ? TestTokens.For(OrganisationTypes.PropertyCompany, partners.CompanyA, [.. Scopes.All])
                : TestTokens.For(OrganisationTypes.Township, partners.TownshipA, [.. Scopes.All]),
            HttpStatusCode.NotFound,
            objectEndpoints);
        // A unit's fund ledger is its owner's and the county's, not the serving company's (per-unit detail): 404 to both companies.
        var control = await Check(
            _ => TestTokens.For(OrganisationTypes.PropertyCompany, partners.CompanyB, [.. Scopes.All]),
            HttpStatusCode.OK,
            objectEndpoints.Where(e => e.Method == "GET" && !e.Pattern.EndsWith("/ledger", StringComparison.Ordinal)).ToList());

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(control.Count == 0, string.Join("\n", control));
    }

    /// <summary>What a parking operator may call on the lots that name it: gate events, occupancy, its sessions' utilisation.</summary>
    private static readonly string[] OperatorEndpoints = ["DecideGateEvent", "GetLotOccupancy", "GetParkingUtilisation"];

    [Fact]
    public async Task A_parking_operator_decides_at_its_lots_gates_and_reads_their_occupancy_and_nothing_else()
    {
        var parking = Endpoints().Where(e => e.Service == "parking").ToList();
        Assert.Contains(parking, e => OperatorEndpoints.Contains(e.Name));
        // What an operator really gets: parking.read and parking.gates, never parking.write.
        var operatorScopes = ScopeGrants.Defaults(OrganisationTypes.ParkingOperator);
        // Its own endpoints answer on its lots (404 on another's); elsewhere a scope it does not hold is 403 before anything
        // looks at the object; then a route naming one of its lots is 403 (it knows the lot), any other object 404, a route
        // naming none 403.
        HttpStatusCode Expected(Endpoint e, bool servesTheLot) => e switch
        {
            _ when e.Policies.Any(p => p.StartsWith(ScopePolicyProvider.OrganisationPrefix, StringComparison.Ordinal))
                   || e.Policies.Contains(ScopePolicyProvider.CountyWide) => HttpStatusCode.Forbidden,
            _ when OperatorEndpoints.Contains(e.Name) => servesTheLot ? HttpStatusCode.OK : HttpStatusCode.NotFound,
            _ when e.Policies.Any(p => p.StartsWith(ScopePolicyProvider.Prefix, StringComparison.Ordinal)
                                       && !operatorScopes.Contains(p[ScopePolicyProvider.Prefix.Length..])) => HttpStatusCode.Forbidden,
            _ when e.Pattern.Contains("{lotId", StringComparison.Ordinal) && !servesTheLot => HttpStatusCode.NotFound,
            _ when e.Pattern.Contains("{lotId", StringComparison.Ordinal) => HttpStatusCode.Forbidden,
            _ when e.Pattern.Contains('{') => HttpStatusCode.NotFound,
            _ => HttpStatusCode.Forbidden,
        };

        var own = await Check(_ => TestTokens.WithDefaults(OrganisationTypes.ParkingOperator, partners.OperatorB),
            e => Expected(e, servesTheLot: true), parking, mustNotContain: partners.OwnerB.ToString());
        var other = await Check(_ => TestTokens.WithDefaults(OrganisationTypes.ParkingOperator, Guid.NewGuid()),
            e => Expected(e, servesTheLot: false), parking, mustNotContain: partners.OwnerB.ToString());

        Assert.True(own.Count == 0, string.Join("\n", own));
        Assert.True(other.Count == 0, string.Join("\n", other));
    }

    [Fact]
    public async Task Natural_Resources_with_its_defaults_certifies_a_spaces_ownership_and_changes_nothing_else_in_parking()
    {
        using var naturalResources = platform.Gateway.CreateHttpClient()
            .WithToken(TestTokens.WithDefaults(OrganisationTypes.NaturalResources));
        var space = await platform.Client.PostAsync($"/api/parking/v1/lots/{partners.LotB}/spaces",
            Partners.JsonContent(new { number = $"NR-{Guid.NewGuid():N}"[..10], kind = "Planned" }));
        Assert.Equal(HttpStatusCode.Created, space.StatusCode);
        var spaceId = (await Partners.Json(space)).GetProperty("id").GetGuid();

        var certified = await naturalResources.PutAsync($"/api/parking/v1/spaces/{spaceId}/ownership",
            Partners.JsonContent(new { ownership = "DeveloperUnsold", certificate = "不动产权第 0002 号" }));
        var refused = await ParkingWritesRefused(OrganisationTypes.NaturalResources, "CertifySpaceOwnership");

        Assert.True(certified.StatusCode == HttpStatusCode.OK, await certified.Content.ReadAsStringAsync());
        Assert.True(refused.Count == 0, string.Join("\n", refused));
    }

    [Fact]
    public async Task Development_and_Reform_with_its_defaults_sets_a_communitys_parking_price_caps_and_changes_nothing_else_in_parking()
    {
        using var pricing = platform.Gateway.CreateHttpClient().WithToken(TestTokens.WithDefaults(OrganisationTypes.DevelopmentAndReform));

        var capped = await pricing.PutAsync(
            $"/api/parking/v1/communities/{partners.CommunityB}/price-caps", partners.BodyFor("/price-caps"));
        var refused = await ParkingWritesRefused(OrganisationTypes.DevelopmentAndReform, "SetParkingPriceCaps");

        Assert.True(capped.StatusCode == HttpStatusCode.OK, await capped.Content.ReadAsStringAsync());
        Assert.True(refused.Count == 0, string.Join("\n", refused));
    }

    [Fact]
    public async Task Police_with_its_defaults_lists_escalated_violations_county_wide_and_changes_nothing_in_parking()
    {
        var plate = "粤B" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var report = new { kind = "FireLane", location = "2 号楼消防通道", plate, photoReference = "photos/police.jpg", reporter = "保安" };
        var reported = await platform.Client.PostAsync(
            $"/api/parking/v1/communities/{partners.CommunityB}/violations", Partners.JsonContent(report));
        Assert.True(reported.StatusCode == HttpStatusCode.Created, await reported.Content.ReadAsStringAsync());
        var violationId = (await Partners.Json(reported)).GetProperty("id").GetGuid();
        // What ViolationEscalationJob does at the deadline (its sweep is tested in Parking.Tests), for this violation alone.
        await Sql.ExecuteAsync(platform.ConsumerHosts["parking"].DatabaseConnectionString,
            $"UPDATE parking_violations SET escalated_at = now() WHERE id = '{violationId}'");
        using var police = platform.Gateway.CreateHttpClient().WithToken(TestTokens.WithDefaults(OrganisationTypes.Police));
        using var company = platform.Gateway.CreateHttpClient()
            .WithToken(TestTokens.WithDefaults(OrganisationTypes.PropertyCompany, partners.CompanyB));
        const string escalated = "/api/parking/v1/violations?status=Escalated&limit=500";

        var listed = await police.GetAsync(escalated);
        var fromCompany = await company.GetAsync(escalated);
        var refused = await ParkingWritesRefused(OrganisationTypes.Police);

        Assert.True(listed.StatusCode == HttpStatusCode.OK, await listed.Content.ReadAsStringAsync());
        var page = await Partners.Json(listed);
        var ours = page.GetProperty("items").EnumerateArray().Single(v => v.GetProperty("id").GetGuid() == violationId);
        Assert.Equal(partners.CommunityB, ours.GetProperty("communityId").GetGuid());
        Assert.False(string.IsNullOrEmpty(ours.GetProperty("communityName").GetString()));
        Assert.Equal((plate, "2 号楼消防通道", "Escalated"),
            (ours.GetProperty("plate").GetString(), ours.GetProperty("location").GetString(), ours.GetProperty("status").GetString()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, ours.GetProperty("escalatedAt").ValueKind);
        Assert.All(page.GetProperty("items").EnumerateArray(), v => Assert.Equal("Escalated", v.GetProperty("status").GetString()));
        // County-wide only: the community's own company reads its list per community, not the county's.
        Assert.Equal(HttpStatusCode.Forbidden, fromCompany.StatusCode);
        Assert.True(refused.Count == 0, string.Join("\n", refused));
    }

    [Fact]
    public async Task A_property_company_with_its_defaults_decides_at_its_lots_gates_over_REST_and_gRPC_and_the_housing_bureau_does_not()
    {
        async Task<(HttpStatusCode Http, Grpc.Core.StatusCode Grpc)> Decide(string token)
        {
            using var client = platform.Gateway.CreateHttpClient().WithToken(token);
            var rest = await client.PostAsync($"/api/parking/v1/lots/{partners.LotB}/gate-events", partners.BodyFor("/gate-events"));
            using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(platform.Gateway.GrpcAddress);
            var gates = new Contracts.Parking.V1.GateControl.GateControlClient(channel);
            var gateEvent = new Contracts.Parking.V1.GateEvent
            {
                EventId = "e1", LotId = partners.LotB.ToString(), GateId = "west", Plate = "粤B6789" + Random.Shared.Next(10),
                Direction = Contracts.Parking.V1.Direction.Entry, At = DateTimeOffset.UtcNow.ToString("O"),
            };
            try
            {
                var headers = new Grpc.Core.Metadata { { "Authorization", $"Bearer {token}" } };
                var decision = await gates.DecideAsync(gateEvent, headers, DateTime.UtcNow.AddSeconds(10));
                Assert.Equal("open", decision.Decision);
                return (rest.StatusCode, Grpc.Core.StatusCode.OK);
            }
            catch (Grpc.Core.RpcException exception)
            {
                return (rest.StatusCode, exception.StatusCode);
            }
        }

        var company = await Decide(TestTokens.WithDefaults(OrganisationTypes.PropertyCompany, partners.CompanyB));
        var housing = await Decide(TestTokens.WithDefaults(OrganisationTypes.Housing));

        Assert.Equal((HttpStatusCode.OK, Grpc.Core.StatusCode.OK), company);
        // The bureau runs parking (parking.write) but does not hold parking.gates: gates are the company's and operators'.
        Assert.Equal((HttpStatusCode.Forbidden, Grpc.Core.StatusCode.PermissionDenied), housing);
    }

    /// <summary>
    /// Every parking command but <paramref name="allowed"/>, called as a county department with its default scopes, through the
    /// gateway and directly: each must be 403, whatever the object (a department sees every community, so only scopes stop it).
    /// </summary>
    private Task<List<string>> ParkingWritesRefused(string department, params string[] allowed) =>
        Check(_ => TestTokens.WithDefaults(department), HttpStatusCode.Forbidden,
            Endpoints().Where(e => e.Service == "parking" && e.Method != "GET" && !allowed.Contains(e.Name)).ToList());

    [Fact]
    public async Task Governance_gRPC_lookups_answer_only_platform_services_directly_and_nothing_through_the_gateway()
    {
        async Task<Grpc.Core.StatusCode> Call(Uri address, string? token)
        {
            using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(address);
            var client = new Contracts.Governance.V1.RegistryLookup.RegistryLookupClient(channel);
            var headers = new Grpc.Core.Metadata();
            if (token is not null)
            {
                headers.Add("Authorization", $"Bearer {token}");
            }

            try
            {
                await client.FindOwnerByPhoneAsync(new() { Phone = "13800000000" }, headers, DateTime.UtcNow.AddSeconds(10));
                return Grpc.Core.StatusCode.OK;
            }
            catch (Grpc.Core.RpcException exception)
            {
                return exception.StatusCode;
            }
        }

        var platformService = TestTokens.For(OrganisationTypes.PlatformService, null, Scopes.GovernanceRead);
        string[] others =
        [
            TestTokens.Registrar,
            TestTokens.For(OrganisationTypes.Township, partners.TownshipA, [.. Scopes.All]),
            TestTokens.For(OrganisationTypes.PropertyCompany, partners.CompanyB, [.. Scopes.All]),
            TestTokens.For(OrganisationTypes.Police, null, Scopes.GovernanceRead),
        ];

        // Through the gateway: no route, whoever asks (gRPC reads the gateway's 404 as UNIMPLEMENTED; deny by default without a token).
        foreach (var token in others.Append(platformService))
        {
            Assert.Equal(Grpc.Core.StatusCode.Unimplemented, await Call(platform.Gateway.GrpcAddress, token));
        }

        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, await Call(platform.Gateway.GrpcAddress, null));

        // Directly at governance (what the NetworkPolicy lets only the services reach): platform-service tokens only.
        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, await Call(platform.Governance.GrpcAddress, null));
        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, await Call(platform.Governance.GrpcAddress, TestTokens.Unsigned(platformService)));
        foreach (var token in others)
        {
            Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, await Call(platform.Governance.GrpcAddress, token));
        }

        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, await Call(platform.Governance.GrpcAddress, TestTokens.For(OrganisationTypes.PlatformService, null, Scopes.FeesRead)));
        Assert.Equal(Grpc.Core.StatusCode.OK, await Call(platform.Governance.GrpcAddress, platformService));
    }

    [Fact]
    public void Every_endpoint_but_health_and_documents_names_the_scope_it_needs()
    {
        var unscoped = Endpoints(includeAnonymous: true)
            .Where(e => !e.Anonymous && !e.Policies.Any(policy => policy.StartsWith(ScopePolicyProvider.Prefix, StringComparison.Ordinal)))
            .Select(e => $"{e.Method} {e.Pattern}")
            .ToList();
        var anonymous = Endpoints(includeAnonymous: true).Where(e => e.Anonymous).Select(e => e.Pattern).Distinct().Order().ToList();
        var misplaced = Endpoints(includeAnonymous: true)
            .Where(e => e.Pattern.StartsWith("/public/", StringComparison.Ordinal) && (!e.Anonymous || e.Method != "GET"))
            .Select(e => $"{e.Method} {e.Pattern}")
            .ToList();

        Assert.Empty(unscoped);
        // What is published is read-only and anonymous; nothing else is anonymous but sign-in, health and documents.
        Assert.Empty(misplaced);
        anonymous.RemoveAll(pattern => pattern.StartsWith("/public/", StringComparison.Ordinal));
        Assert.Equal(["/api/identity/v1/owner-sign-in/codes", "/connect/token", "/health/live", "/health/ready", "/openapi/v1.json"], anonymous);
    }

    [Fact]
    public async Task Every_service_publishes_its_chain_checkpoints_and_their_keys_to_anyone_through_the_gateway()
    {
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.HttpAddress };
        var unpublished = new List<string>();
        foreach (var host in platform.ServiceHosts)
        {
            foreach (var path in new[] { $"/public/{host.ServiceName}/v1/checkpoints", $"/public/{host.ServiceName}/v1/checkpoints/keys" })
            {
                var response = await anonymous.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    unpublished.Add($"{path}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(unpublished);
        Assert.Contains("BEGIN PUBLIC KEY", await anonymous.GetStringAsync("/public/identity/v1/checkpoints/keys"));
    }

    private sealed record Endpoint(
        string Service, IServiceHost Host, string Method, string Pattern, bool Anonymous, IReadOnlyList<string> Policies, string? Name);

    private List<Endpoint> Endpoints(bool includeAnonymous = false) =>
        platform.ServiceHosts.SelectMany(host => host.Services.GetRequiredService<EndpointDataSource>().Endpoints
                .OfType<RouteEndpoint>()
                // gRPC is checked over HTTP/2 in GatewayTests; its "unimplemented" catch-alls answer nothing but UNIMPLEMENTED.
                .Where(endpoint => !endpoint.Metadata.Any(m => m.GetType().Name == "GrpcMethodMetadata")
                                   && !endpoint.RoutePattern.RawText!.Contains("{unimplementedMethod", StringComparison.Ordinal))
                .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                    .Select(method => new Endpoint(
                        host.ServiceName, host, method, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'),
                        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "").ToList(),
                        endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName))))
            .Where(endpoint => includeAnonymous || !endpoint.Anonymous)
            .ToList();

    /// <summary>Calls each endpoint through the gateway and directly; returns what did not answer <paramref name="expected"/>.</summary>
    private Task<List<string>> Check(Func<Endpoint, string?> token, HttpStatusCode expected, List<Endpoint>? only = null) =>
        Check(token, _ => expected, only);

    /// <summary>As above, with each endpoint's own answer; an answer containing <paramref name="mustNotContain"/> fails too.</summary>
    private async Task<List<string>> Check(
        Func<Endpoint, string?> token, Func<Endpoint, HttpStatusCode> expected, List<Endpoint>? only = null, string? mustNotContain = null)
    {
        var endpoints = only ?? Endpoints();
        Assert.True(only is not null || endpoints.Count >= 25, $"only {endpoints.Count} endpoints found");
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            foreach (var (via, baseAddress) in new[] { ("gateway", platform.Gateway.HttpAddress), ("direct", endpoint.Host.HttpAddress) })
            {
                using var client = new HttpClient { BaseAddress = baseAddress };
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), partners.Fill(endpoint.Pattern));
                if (endpoint.Method is "POST" or "PUT")
                {
                    request.Content = partners.BodyFor(endpoint.Pattern);
                }

                if (token(endpoint) is { } bearer)
                {
                    request.Headers.Authorization = new("Bearer", bearer);
                }

                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != expected(endpoint))
                {
                    var wanted = (int)expected(endpoint);
                    failures.Add($"{via} {endpoint.Method} {endpoint.Pattern}: {(int)response.StatusCode}, not {wanted}: {body}");
                }
                else if (mustNotContain is not null && body.Contains(mustNotContain, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{via} {endpoint.Method} {endpoint.Pattern}: the answer shows {mustNotContain}: {body}");
                }
            }
        }

        return failures;
    }

    /// <summary>Two townships and two property companies, and company B's community with a building, an owner and a unit.</summary>
    public sealed class Partners(PlatformFixture platform) : IAsyncLifetime
    {
        public Guid TownshipA { get; private set; }

        public Guid CompanyA { get; private set; }

        public Guid CompanyB { get; private set; }

        public Guid CommunityB => _communityB;

        /// <summary>The parking operator community B's lot names.</summary>
        public Guid OperatorB { get; } = Guid.NewGuid();

        public Guid OwnerB => _ownerB;

        /// <summary>Community B's lot, run by <see cref="OperatorB"/>.</summary>
        public Guid LotB => _lotB;

        private Guid _communityB;
        private Guid _buildingB;
        private Guid _ownerB;
        private Guid _unitB;
        private Guid _proposalB;
        private Guid _electionB;
        private Guid _committeeB;
        private Guid _memberB;
        private readonly List<Guid> _candidatesB = [];
        private Guid _problemB;
        private Guid _projectB;
        private Guid _lotB;
        private Guid _spaceB;
        private Guid _allocationB;
        private Guid _violationB;
        private Guid _elderB;
        private Guid _careOrderB;
        private Guid _careProviderB;

        public async Task InitializeAsync()
        {
            var registry = platform.Registry;
            var communityA = await registry.Community((await registry.PropertyCompany()).Id);
            var companyB = await registry.PropertyCompany();
            var communityB = await registry.Community(companyB.Id);
            var building = await registry.Building(communityB.Id);
            var owner = await registry.Person();
            var unit = await registry.Unit(communityB.Id, building.Id, owner.Id);
            (TownshipA, CompanyA, CompanyB) = (communityA.TownshipId, communityA.PropertyCompanyId!.Value, companyB.Id);
            (_communityB, _buildingB, _ownerB, _unitB) = (communityB.Id, building.Id, owner.Id, unit.Id);
            var proposal = await platform.Client.PostAsync($"/api/governance/v1/communities/{communityB.Id}/proposals", BodyFor("/proposals"));
            Assert.Equal(HttpStatusCode.Created, proposal.StatusCode);
            _proposalB = (await Json(proposal)).GetProperty("id").GetGuid();
            _candidatesB.Add(owner.Id);
            for (var i = 0; i < 4; i++)
            {
                var candidate = await registry.Person();
                await registry.Unit(communityB.Id, building.Id, candidate.Id);
                _candidatesB.Add(candidate.Id);
            }

            var election = await platform.Client.PostAsync($"/api/governance/v1/communities/{communityB.Id}/committee-elections", BodyFor("/committee-elections"));
            Assert.Equal(HttpStatusCode.Created, election.StatusCode);
            _electionB = (await Json(election)).GetProperty("id").GetGuid();
            var committee = await platform.Client.PostAsync($"/api/governance/v1/communities/{communityB.Id}/supervisory-committees", BodyFor("/supervisory-committees"));
            Assert.Equal(HttpStatusCode.Created, committee.StatusCode);
            var formed = await Json(committee);
            (_committeeB, _memberB) = (formed.GetProperty("id").GetGuid(), formed.GetProperty("members")[0].GetProperty("id").GetGuid());
            _problemB = (await registry.Problem(communityB.Id)).Id;
            await platform.UnitReachesEveryService(unit.Id, TimeSpan.FromSeconds(30));
            var repair = await platform.Client.PostAsync($"/api/funds/v1/communities/{communityB.Id}/repair-projects", BodyFor("/repair-projects"));
            Assert.Equal(HttpStatusCode.Created, repair.StatusCode);
            _projectB = (await Json(repair)).GetProperty("id").GetGuid();
            await ParkingObjects(communityB.Id);
            await CareContractWithCompanyB();
        }

        /// <summary>A lot of community B with a leased space and a reported violation.</summary>
        private async Task ParkingObjects(Guid communityB)
        {
            async Task<Guid> Created(HttpClient client, string path, HttpContent body)
            {
                var response = await client.PostAsync(path, body);
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{path}: {await response.Content.ReadAsStringAsync()}");
                return (await Json(response)).GetProperty("id").GetGuid();
            }

            _lotB = await Created(platform.Client, $"/api/parking/v1/communities/{communityB}/lots", BodyFor("/lots"));
            _spaceB = await Created(platform.Client, $"/api/parking/v1/lots/{_lotB}/spaces", JsonContent(new { number = "P-1", kind = "Planned" }));
            using var naturalResources = platform.Gateway.CreateHttpClient()
                .WithToken(TestTokens.WithDefaults(OrganisationTypes.NaturalResources));
            var certified = await naturalResources.PutAsync($"/api/parking/v1/spaces/{_spaceB}/ownership", JsonContent(new { ownership = "OwnersCommon", certificate = "规划许可 1 号" }));
            Assert.Equal(HttpStatusCode.OK, certified.StatusCode);
            _allocationB = await Created(platform.Client, $"/api/parking/v1/spaces/{_spaceB}/allocations",
                JsonContent(new { kind = "Lease", ownerId = _ownerB, holderName = "业主", priceFen = 100, months = 1, startsOn = "2026-01-01" }));
            _violationB = await Created(platform.Client, $"/api/parking/v1/communities/{communityB}/violations", BodyFor("/violations"));
        }

        public static StringContent JsonContent(object body) => Body(System.Text.Json.JsonSerializer.Serialize(body));

        /// <summary>
        /// Company B also holds a care contract for its community ("property + care") and an active order for an elderly
        /// resident there: so it, and not company A, sees that person and order.
        /// </summary>
        private async Task CareContractWithCompanyB()
        {
            using var civilAffairs = platform.Gateway.CreateHttpClient()
                .WithToken(TestTokens.For(OrganisationTypes.CivilAffairs, null, Scopes.ElderCareRead, Scopes.ElderCareWrite, Scopes.ElderCareHealth));
            var provider = await civilAffairs.PostAsync("/api/eldercare/v1/providers", Body($$"""
                {"organisationId":"{{CompanyB}}","organisationType":"property-company","name":"物业+养老",
                 "offerings":[{"service":"Meal","communityIds":["{{_communityB}}"],"dailyCapacity":10,"priceFen":2000,"subsidyByLevelFen":[0,500,1000,1500,2000]}]}
                """));
            Assert.Equal(HttpStatusCode.Created, provider.StatusCode);
            _careProviderB = (await Json(provider)).GetProperty("id").GetGuid();
            var elder = await civilAffairs.PostAsync($"/api/eldercare/v1/communities/{_communityB}/elders", Body($$"""
                {"name":"王奶奶","idNumber":"{{Governance.Tests.TestIdentities.ResidentId(6_500_000 + Governance.Tests.RegistryClient.Next() % 100_000)}}","unitId":"{{_unitB}}",
                 "livingSituation":"Alone","emergencyContacts":[{"name":"王强","relation":"儿子","phone":"13800000000"}],"abilityLevel":"MildlyImpaired",
                 "assessedOn":"2026-01-01","assessor":"评估中心","healthNotes":"高血压","careNeeds":"送餐",
                 "consent":{"consentedBy":"本人","consentedOn":"2026-01-01","purpose":"居家养老服务"} }
                """));
            Assert.Equal(HttpStatusCode.Created, elder.StatusCode);
            _elderB = (await Json(elder)).GetProperty("id").GetGuid();
            var order = await civilAffairs.PostAsync($"/api/eldercare/v1/elders/{_elderB}/orders", BodyFor("/orders"));
            Assert.Equal(HttpStatusCode.Created, order.StatusCode);
            var placed = await Json(order);
            Assert.Equal(_careProviderB, placed.GetProperty("providerId").GetGuid());
            _careOrderB = placed.GetProperty("id").GetGuid();
            // Company B takes the order on, which opens the person's care record to it.
            using var companyB = platform.Gateway.CreateHttpClient()
                .WithToken(TestTokens.For(OrganisationTypes.PropertyCompany, CompanyB, Scopes.ElderCareRead, Scopes.ElderCareWrite, Scopes.ElderCareHealth));
            Assert.Equal(HttpStatusCode.OK, (await companyB.PostAsync($"/api/eldercare/v1/orders/{_careOrderB}/acceptance", null)).StatusCode);
        }

        private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

        public string Fill(string pattern) => pattern
            .Replace("{communityId:guid}", _communityB.ToString()).Replace("{unitId:guid}", _unitB.ToString())
            .Replace("{ownerId:guid}", _ownerB.ToString()).Replace("{companyId:guid}", CompanyB.ToString())
            .Replace("{clientId}", PlatformFixture.AdminClientId).Replace("{proposalId:guid}", _proposalB.ToString())
            .Replace("{electionId:guid}", _electionB.ToString()).Replace("{committeeId:guid}", _committeeB.ToString()).Replace("{memberId:guid}", _memberB.ToString())
            .Replace("{problemId:guid}", _problemB.ToString()).Replace("{buildingId:guid}", _buildingB.ToString())
            .Replace("{projectId:guid}", _projectB.ToString())
            .Replace("{lotId:guid}", _lotB.ToString()).Replace("{spaceId:guid}", _spaceB.ToString())
            .Replace("{allocationId:guid}", _allocationB.ToString()).Replace("{violationId:guid}", _violationB.ToString())
            .Replace("{elderId:guid}", _elderB.ToString()).Replace("{orderId:guid}", _careOrderB.ToString())
            .Replace("{providerId:guid}", _careProviderB.ToString()).Replace("{period}", "2026-01")
            // No payment exists in the test county: every caller gets 404, which is what a partner must get.
            .Replace("{paymentId:guid}", UnknownPayment.ToString())
            // Disbursements are county departments' only: a partner is refused before any look-up.
            .Replace("{disbursementId:guid}", UnknownPayment.ToString());

        private static readonly Guid UnknownPayment = Guid.NewGuid();

        public static async Task<System.Text.Json.JsonElement> Json(HttpResponseMessage response) =>
            await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);

        /// <summary>A close the rule set allows for a vote opened after its 15 days' notice (7 to 90 days of voting).</summary>
        private string VoteCloses => platform.Governance.Clock.GetUtcNow().AddDays(30).ToString("O", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A body that passes validation, so the answer is about access, not input.</summary>
        public HttpContent BodyFor(string pattern)
        {
            // A route mapped at its group's own path ends in "/".
            pattern = pattern.TrimEnd('/');
            if (pattern.EndsWith("/imports", StringComparison.Ordinal))
            {
                return new StringContent("building,unit\n", Encoding.UTF8, "text/csv");
            }

            if (pattern.EndsWith("/bank-reconciliations", StringComparison.Ordinal))
            {
                return new StringContent("date,reference,amountFen\n2026-01-01,R1,100\n", Encoding.UTF8, "text/csv");
            }

            var json = pattern switch
            {
                _ when pattern.EndsWith("/buildings", StringComparison.Ordinal) => """{"number":"99"}""",
                _ when pattern.EndsWith("/units", StringComparison.Ordinal) =>
                    $$"""{"buildingId":"{{_buildingB}}","number":"9-901","exclusiveArea":80,"use":"Residential","areaSource":"Register","ownerId":"{{_ownerB}}","ownedSince":"2020-01-01"}""",
                _ when pattern.EndsWith("/property-company", StringComparison.Ordinal) => $$"""{"propertyCompanyId":"{{CompanyA}}","since":"2024-01-01"}""",
                _ when pattern.EndsWith("/proposals", StringComparison.Ordinal) =>
                    $$"""{"matter":"AssemblyRules","title":"业主大会议事规则","text":"草案全文","closesAt":"{{VoteCloses}}"}""",
                _ when pattern.EndsWith("/extend", StringComparison.Ordinal) => $$"""{"closesAt":"{{VoteCloses}}","reason":"延长表决期"}""",
                _ when pattern.EndsWith("/ballots", StringComparison.Ordinal) => """{"choice":"Agree"}""",
                _ when pattern.EndsWith("/committee-elections", StringComparison.Ordinal) =>
                    $$"""{"title":"选举业主委员会","seats":5,"termYears":5,"candidateOwnerIds":[{{string.Join(",", _candidatesB.Select(id => $"\"{id}\""))}}],"closesAt":"{{VoteCloses}}"}""",
                _ when pattern.EndsWith("/supervisory-committees", StringComparison.Ordinal) =>
                    """{"termStart":"2026-01-01","termEnd":"2028-01-01","members":[{"name":"甲","role":"Chair"},{"name":"乙","role":"Member"},{"name":"丙","role":"Member"}]}""",
                _ when pattern.EndsWith("/role", StringComparison.Ordinal) => """{"role":"Member"}""",
                _ when pattern.EndsWith("/payments", StringComparison.Ordinal) => """{"amountFen":100,"method":"Cash","reference":"R1"}""",
                _ when pattern.EndsWith("/reversal", StringComparison.Ordinal) => """{"reason":"退票"}""",
                _ when pattern.EndsWith("/transfers-to-fund", StringComparison.Ordinal) => """{"amountFen":1,"description":"划入维修资金"}""",
                _ when pattern.EndsWith("/public-income", StringComparison.Ordinal) =>
                    """{"kind":"Income","source":"VenueRental","amountFen":100,"description":"场地租金","occurredOn":"2026-01-01"}""",
                _ when pattern.EndsWith("/bill-runs", StringComparison.Ordinal) => """{"period":"2026-01"}""",
                _ when pattern.EndsWith("/repair-projects", StringComparison.Ordinal) =>
                    $$"""{"track":"Normal","title":"外墙维修","item":"外墙","scopeUnitIds":["{{_unitB}}"],"budgetFen":1000,"contractorId":"{{CompanyA}}","contractorName":"施工单位"}""",
                _ when pattern.EndsWith("/disbursements", StringComparison.Ordinal) => """{"amountFen":100,"bankReference":"OUT-1"}""",
                _ when pattern.EndsWith("/settlement", StringComparison.Ordinal) => """{"finalCostFen":100}""",
                _ when pattern.EndsWith("/countersignature-refusal", StringComparison.Ordinal) => """{"reason":"造价未经审核"}""",
                _ when pattern.EndsWith("/second-signature-thresholds", StringComparison.Ordinal) =>
                    """{"thresholdFen":20000000,"effectiveFrom":"2099-01-01"}""",
                _ when pattern.EndsWith("/deposits", StringComparison.Ordinal) => """{"kind":"Other","amountFen":100,"bankReference":"R1","depositedOn":"2026-01-01"}""",
                _ when pattern.EndsWith("/deposit-rates", StringComparison.Ordinal) => """{"year":2026,"buildingType":"HighRise","rateFenPerSquareMetre":3000}""",
                _ when pattern.EndsWith("/type", StringComparison.Ordinal) => """{"buildingType":"HighRise"}""",
                _ when pattern.EndsWith("/payment-batches", StringComparison.Ordinal) =>
                    $$"""{"payments":[{"unitId":"{{_unitB}}","amountFen":100,"method":"Cash","reference":"R1"}]}""",
                _ when pattern.EndsWith("/fund-disclosures", StringComparison.Ordinal) => """{"quarter":"2025-Q3"}""",
                _ when pattern.EndsWith("/interest-allocations", StringComparison.Ordinal) => """{"amountFen":1,"bankReference":"INT-1","creditedOn":"2026-01-01"}""",
                _ when pattern.EndsWith("/spread", StringComparison.Ordinal) => """{"amountFen":1,"description":"分摊"}""",
                _ when pattern.EndsWith("/disclosures", StringComparison.Ordinal) => """{"quarter":"2025-Q3"}""",
                _ when pattern.EndsWith("/fee-shortfall-covers", StringComparison.Ordinal) => $$"""{"period":"2026-01","amountFen":1,"description":"弥补物业费","resolutionId":"{{Guid.NewGuid()}}"}""",
                _ when pattern.EndsWith("/utility-charges", StringComparison.Ordinal) =>
                    """{"utility":"Water","period":"2026-01","amountFen":100,"meterReference":"水表 1"}""",
                _ when pattern.EndsWith("/fee-standards", StringComparison.Ordinal) => """{"use":"Residential","rateFen":100,"effectiveFrom":"2026-01"}""",
                _ when pattern.EndsWith("/price-bands", StringComparison.Ordinal) => """{"year":2026,"starLevel":3,"use":"Residential","baseFen":150,"floatPercent":20}""",
                _ when pattern.EndsWith("/star-levels", StringComparison.Ordinal) => """{"starLevel":3,"effectiveFrom":"2026-01-01","reason":"评定"}""",
                _ when pattern.EndsWith("/problems", StringComparison.Ordinal) =>
                    """{"category":"Sanitation","description":"楼道堆物","responsibleParty":"PropertyCompany","deadline":"2099-01-01"}""",
                _ when pattern.EndsWith("/fixes", StringComparison.Ordinal) => """{"description":"已清理","doneOn":"2024-01-01"}""",
                _ when pattern.EndsWith("/fix-rejection", StringComparison.Ordinal) || pattern.EndsWith("/refusal", StringComparison.Ordinal) => """{"note":"拒不整改"}""",
                _ when pattern.EndsWith("/owner-credit-records", StringComparison.Ordinal) =>
                    $$"""{"ownerId":"{{_ownerB}}","kind":"Good","category":"Commendation","note":"表彰","recordedOn":"2024-01-01"}""",
                _ when pattern.EndsWith("/ownership-transfers", StringComparison.Ordinal) =>
                    $$"""{"fromOwnerId":"{{_ownerB}}","newOwnerId":"{{_ownerB}}","transferDate":"2024-01-01"}""",
                _ when pattern.EndsWith("/lots", StringComparison.Ordinal) =>
                    $$$"""
                    {"name":"地下停车场","capacity":100,"operatorId":"{{{OperatorB}}}","visitorSpaceOwnership":"OwnersCommon",
                     "tariff":{"freeMinutes":15,"fenPerHour":500,"dailyCapFen":3000}}
                    """,
                _ when pattern.EndsWith("/tariff", StringComparison.Ordinal) => """{"freeMinutes":15,"fenPerHour":500,"dailyCapFen":3000}""",
                _ when pattern.EndsWith("/spaces", StringComparison.Ordinal) => """{"number":"P-99","kind":"Planned"}""",
                _ when pattern.EndsWith("/allocations", StringComparison.Ordinal) =>
                    """{"kind":"Lease","holderName":"访客","priceFen":100,"months":1,"startsOn":"2026-01-01"}""",
                _ when pattern.EndsWith("/lease-offer", StringComparison.Ordinal) || pattern.EndsWith("/waiting-list", StringComparison.Ordinal) =>
                    $$"""{"ownerId":"{{_ownerB}}"}""",
                _ when pattern.EndsWith("/vehicles", StringComparison.Ordinal) =>
                    $$"""{"plate":"粤B12345","holder":"Owner","ownerId":"{{_ownerB}}","unitId":"{{_unitB}}"}""",
                _ when pattern.EndsWith("/plate-blacklist", StringComparison.Ordinal) => """{"plate":"粤B54321","reason":"占用消防通道"}""",
                _ when pattern.EndsWith("/violations", StringComparison.Ordinal) =>
                    """{"kind":"FireLane","location":"1 号楼消防通道","plate":"粤B12345","photoReference":"photos/1.jpg","reporter":"保安"}""",
                _ when pattern.EndsWith("/gate-events", StringComparison.Ordinal) =>
                    $$"""{"gateId":"east","plate":"粤B12345","direction":"Entry","at":"{{DateTimeOffset.UtcNow:O}}"}""",
                _ when pattern.EndsWith("/price-caps", StringComparison.Ordinal) => """{"maxSalePriceFen":10000000}""",
                _ when pattern.EndsWith("/ownership", StringComparison.Ordinal) => """{"ownership":"OwnersCommon","certificate":"证"}""",
                _ when pattern.EndsWith("/orders", StringComparison.Ordinal) =>
                    $$"""{"service":"Meal","slotStart":"{{DateTimeOffset.UtcNow.AddDays(1):O}}","slotEnd":"{{DateTimeOffset.UtcNow.AddDays(1).AddHours(1):O}}"}""",
                _ when pattern.EndsWith("/decline", StringComparison.Ordinal) => """{"reason":"人手不足"}""",
                _ when pattern.EndsWith("/rating", StringComparison.Ordinal) => """{"stars":5}""",
                _ when pattern.EndsWith("/follow-ups", StringComparison.Ordinal) => """{"note":"已电话联系家属"}""",
                _ => "{}",
            };
            return new StringContent(json, Encoding.UTF8, "application/json");
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
