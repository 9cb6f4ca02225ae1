using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Tests;
using Platform.Identity.Api.Clients;
using Platform.TestKit;

namespace Platform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class AdminApiTests(IdentityPlatform platform)
{
    private const string Clients = "/api/identity/v1/clients";

    [Fact]
    public async Task The_admin_api_is_401_without_a_token_and_403_without_identity_admin_or_outside_the_housing_bureau()
    {
        using var anonymous = platform.Identity.CreateHttpClient();
        using var housingReader = platform.Identity.CreateHttpClient().WithToken(TestTokens.For(OrganisationTypes.Housing, null, Scopes.GovernanceRead));
        using var township = platform.Identity.CreateHttpClient().WithToken(TestTokens.For(OrganisationTypes.Township, Guid.NewGuid(), Scopes.IdentityAdmin));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Clients)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(Clients, new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await housingReader.GetAsync(Clients)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await housingReader.PostAsync($"{Clients}/{IdentityPlatform.OwnersApp}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.GetAsync(Clients)).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_admin_and_sign_in_endpoints_with_the_secret_responses()
    {
        using var anonymous = platform.Identity.CreateHttpClient();

        var document = await anonymous.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/identity/v1/clients/{clientId}/secret", document);
        Assert.Contains("/api/identity/v1/owner-sign-in/codes", document);
        Assert.Contains("ClientSecretResponse", document);
    }

    [Fact]
    public async Task A_registered_client_is_listed_with_what_it_may_do_and_its_secret_is_shown_only_at_registration()
    {
        var company = Guid.NewGuid();
        var registered = await platform.RegisterClient(OrganisationTypes.PropertyCompany, company);

        var one = await platform.Admin.GetFromJsonAsync<ClientResponse>($"{Clients}/{registered.ClientId}", RegistryClient.Json);
        var all = await platform.Admin.GetStringAsync(Clients);

        Assert.True(registered.ClientSecret.Length >= 40);
        Assert.Equal(OrganisationTypes.PropertyCompany, one!.OrganisationType);
        Assert.Equal(company, one.OrganisationId);
        Assert.Equal(
            [Scopes.FeesRead, Scopes.FeesWrite, Scopes.FundsRead, Scopes.GovernanceProblems, Scopes.GovernanceRead, Scopes.ParkingGates,
             Scopes.ParkingRead, Scopes.ParkingWrite],
            one.Scopes);
        Assert.Equal(ClientStatus.Active, one.Status);
        Assert.False(one.OrganisationKnown);
        Assert.Contains(registered.ClientId, all);
        Assert.Contains(IdentityPlatform.AdminClientId, all);
        Assert.DoesNotContain(registered.ClientSecret, all);
    }

    [Fact]
    public async Task A_township_client_learns_that_the_registry_knows_its_township_once_governance_events_arrive()
    {
        var community = await platform.Registry.Community();
        var registered = await platform.RegisterClient(OrganisationTypes.Township, community.TownshipId);

        await Eventually.Until(
            async () => (await platform.Admin.GetFromJsonAsync<ClientResponse>($"{Clients}/{registered.ClientId}", RegistryClient.Json))!.OrganisationKnown == true,
            TimeSpan.FromSeconds(30),
            "the township in identity's registry read model");
    }

    public static TheoryData<object, string> BadRegistrations => new()
    {
        { new { displayName = "x", organisationType = "finance" }, "clientId" },
        { new { clientId = "Has Spaces", displayName = "x", organisationType = "finance" }, "clientId" },
        { new { clientId = "finance-x1", organisationType = "finance" }, "displayName" },
        { new { clientId = "finance-x2", displayName = "x", organisationType = "owner" }, "organisationType" },
        { new { clientId = "finance-x3", displayName = "x", organisationType = "bank" }, "organisationType" },
        { new { clientId = "township-x4", displayName = "x", organisationType = "township" }, "organisationId" },
        { new { clientId = "finance-x5", displayName = "x", organisationType = "finance", organisationId = Guid.NewGuid() }, "organisationId" },
        { new { clientId = "finance-x6", displayName = "x", organisationType = "finance", scopes = new[] { "governance.read", "everything" } }, "scopes" },
        { new { clientId = "finance-x7", displayName = "x", organisationType = "finance", scopes = Array.Empty<string>() }, "scopes" },
        { new { clientId = "company-x8", displayName = "x", organisationType = "property-company", organisationId = Guid.NewGuid(), scopes = new[] { "identity.admin" } }, "scopes" },
        { new { clientId = "police-x9", displayName = "x", organisationType = "police", scopes = new[] { "identity.admin" } }, "scopes" },
        { new { clientId = "parking-x10", displayName = "x", organisationType = "parking-operator", organisationId = Guid.NewGuid(), scopes = new[] { "eldercare.health" } }, "scopes" },
        { new { clientId = "township-x11", displayName = "x", organisationType = "township", organisationId = Guid.NewGuid(), scopes = new[] { "governance.credit" } }, "scopes" },
        { new { clientId = "company-x12", displayName = "x", organisationType = "property-company", organisationId = Guid.NewGuid(), scopes = new[] { "governance.credit" } }, "scopes" },
        // Platform-service tokens open governance's internal gRPC look-ups: only identity mints them, for itself.
        { new { clientId = "platform-x13", displayName = "x", organisationType = "platform-service" }, "organisationType" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task A_bad_registration_is_a_400_naming_the_field_and_registers_nothing(object body, string field)
    {
        var before = await Sql.CountAsync(platform.Identity.DatabaseConnectionString, "clients");

        var response = await platform.Admin.PostAsJsonAsync(Clients, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal("https://platform.county.gov.cn/problems/validation", problem.Type);
        Assert.Contains(field, problem.Errors!.Keys);
        Assert.Equal(before, await Sql.CountAsync(platform.Identity.DatabaseConnectionString, "clients"));
    }

    [Fact]
    public async Task The_housing_bureau_may_register_a_second_administrator()
    {
        var response = await platform.Admin.PostAsJsonAsync(Clients, new
        {
            clientId = $"housing-{RegistryClient.Next()}",
            displayName = "Second administrator",
            organisationType = "housing",
            scopes = new[] { "identity.admin" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_taken_client_id_is_409()
    {
        var registered = await platform.RegisterClient(OrganisationTypes.Police);

        var again = await platform.Admin.PostAsJsonAsync(Clients, new { clientId = registered.ClientId, displayName = "x", organisationType = "police" });
        var reserved = await platform.Admin.PostAsJsonAsync(Clients, new { clientId = "platform-identity", displayName = "x", organisationType = "police" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reserved.StatusCode);
    }

    [Fact]
    public async Task Unknown_clients_are_404_on_every_verb()
    {
        var responses = new[]
        {
            await platform.Admin.GetAsync($"{Clients}/no-such-client"),
            await platform.Admin.PostAsync($"{Clients}/no-such-client/revoke", null),
            await platform.Admin.PostAsync($"{Clients}/no-such-client/secret", null),
            await platform.Admin.PutAsJsonAsync($"{Clients}/no-such-client/scopes", new { scopes = new[] { "governance.read" } }),
        };

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.NotFound, response.StatusCode));
        Assert.Equal("https://platform.county.gov.cn/problems/not-found", (await ProblemResponse.ReadAsync(responses[0])).Type);
    }

    [Fact]
    public async Task A_revoked_client_shows_as_revoked_and_can_no_longer_change()
    {
        var registered = await platform.RegisterClient(OrganisationTypes.Police);

        var revoked = await platform.Admin.PostAsync($"{Clients}/{registered.ClientId}/revoke", null);
        var view = await revoked.Content.ReadFromJsonAsync<ClientResponse>(RegistryClient.Json);
        var rotate = await platform.Admin.PostAsync($"{Clients}/{registered.ClientId}/secret", null);
        var scopes = await platform.Admin.PutAsJsonAsync($"{Clients}/{registered.ClientId}/scopes", new { scopes = new[] { "governance.read" } });

        Assert.Equal(ClientStatus.Revoked, view!.Status);
        Assert.NotNull(view.RevokedAt);
        Assert.Equal(HttpStatusCode.Conflict, rotate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, scopes.StatusCode);
    }

    [Fact]
    public async Task The_owners_app_has_no_secret_to_rotate()
    {
        var response = await platform.Admin.PostAsync($"{Clients}/{IdentityPlatform.OwnersApp}/secret", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Every_write_publishes_its_event_through_the_outbox_without_the_secret()
    {
        var registered = await platform.RegisterClient(OrganisationTypes.NaturalResources);
        await platform.Admin.PutAsJsonAsync($"{Clients}/{registered.ClientId}/scopes", new { scopes = new[] { "governance.read", "parking.read" } });
        var rotation = await platform.Admin.PostAsync($"{Clients}/{registered.ClientId}/secret", null);
        var rotated = (await rotation.Content.ReadFromJsonAsync<ClientSecretResponse>(RegistryClient.Json))!;
        await platform.Admin.PostAsync($"{Clients}/{registered.ClientId}/revoke", null);

        var db = platform.Identity.DatabaseConnectionString;
        var mine = $"payload::jsonb->>'clientId' = '{registered.ClientId}'";
        foreach (var type in new[] { "ClientRegistered", "ClientScopesChanged", "ClientSecretRotated", "ClientRevoked" })
        {
            Assert.Equal(1, await Sql.CountAsync(db, "outbox_messages", $"type = 'Platform.Contracts.Events.{type}' AND {mine}"));
        }

        Assert.Equal(0, await Sql.CountAsync(db, "outbox_messages", $"payload::text LIKE '%{registered.ClientSecret}%' OR payload::text LIKE '%{rotated.ClientSecret}%'"));
        await Eventually.Until(
            async () => await Sql.CountAsync(db, "outbox_messages", $"{mine} AND published_at IS NULL") == 0,
            TimeSpan.FromSeconds(30),
            "the client's events published");
    }

    [Fact]
    public async Task A_registration_replayed_with_its_idempotency_key_registers_once_and_never_shows_the_secret_again()
    {
        var clientId = $"police-{RegistryClient.Next()}";
        var body = new { clientId, displayName = "Police (traffic)", organisationType = "police" };

        var first = await Send(body, "register-police-once");
        var replay = await Send(body, "register-police-once");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        var secret = (await first.Content.ReadFromJsonAsync<ClientSecretResponse>(RegistryClient.Json))!.ClientSecret;
        Assert.DoesNotContain(secret, await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, await Sql.CountAsync(platform.Identity.DatabaseConnectionString, "clients", $"client_id = '{clientId}'"));
        Assert.Equal(0, await Sql.CountAsync(platform.Identity.DatabaseConnectionString, "idempotency_records", $"response_body LIKE '%{secret}%'"));
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());

        async Task<HttpResponseMessage> Send(object request, string key)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, Clients) { Content = JsonContent.Create(request) };
            message.Headers.Add("Idempotency-Key", key);
            return await platform.Admin.SendAsync(message);
        }
    }
}
