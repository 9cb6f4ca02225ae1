using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Tests;
using Platform.Identity.Api.Clients;
using Platform.Identity.Api.OwnerSignIn;
using Platform.TestKit;

namespace Platform.Identity.Tests;

/// <summary>
/// The identity service as the tests see it: the real host on real ports, signing with the test run's key
/// (so every ServiceHost trusts its tokens), with a clock the tests can move, the owners' phones captured,
/// and every log entry recorded at Trace level.
/// </summary>
public sealed class IdentityHost(IDictionary<string, string?> settings) : ServiceHost<Api.Program>("identity", settings)
{
    public TestClock Clock { get; } = new();

    public CapturingCodeSender Phones { get; } = new();

    public CapturedLogs Logs { get; } = new();

    /// <summary>Governance's answer to "whose phone is this?", which a test may hold back.</summary>
    public HeldOwnerDirectory.Gate OwnerDirectory { get; } = new();

    /// <summary>Waits until every code request recorded so far has been dealt with (sent, or dropped for a stranger or a limit).</summary>
    public Task SignInRequestsHandled() =>
        Eventually.Until(async () =>
        {
            await using var connection = new NpgsqlConnection(DatabaseConnectionString);
            await connection.OpenAsync();
            await using var pending = new NpgsqlCommand("SELECT count(*) FROM owner_sign_in_requests", connection);
            return (long)(await pending.ExecuteScalarAsync())! == 0;
        }, TimeSpan.FromSeconds(30), "the owner sign-in requests handled");

    /// <summary>Forgets every failed guess, so one test's guesses do not count against the next one's limits.</summary>
    public async Task ForgetFailedGuesses()
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var delete = new NpgsqlCommand("DELETE FROM owner_sign_in_failures", connection);
        await delete.ExecuteNonQueryAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            // A rule for this provider beats every category rule of the service: it sees all there is.
            logging.AddFilter<CapturedLogs>(null, LogLevel.Trace);
        });
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IOneTimeCodeSender>(Phones);
            HeldOwnerDirectory.Wrap(services, OwnerDirectory);
        });
    }
}

/// <summary>A governance host (the registry owners sign in against) and an identity host pointed at its gRPC port.</summary>
public sealed class IdentityPlatform : IAsyncLifetime
{
    public const string AdminClientId = "county-housing-admin";
    public const string OwnersApp = "owner-app";

    /// <summary>The bootstrap administrator's secret, as a Kubernetes secret would give it.</summary>
    public static readonly string AdminSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public IdentityPlatform()
    {
        Identity = new IdentityHost(new Dictionary<string, string?>
        {
            ["Identity:SigningKey"] = TestTokens.PrivateKeyPem,
            ["Services:Governance:Grpc"] = Governance.GrpcAddress.ToString(),
            // Entry 0 is the owners' app, from the service's appsettings.json; the administrator comes from a secret.
            ["Identity:BootstrapClients:1:ClientId"] = AdminClientId,
            ["Identity:BootstrapClients:1:DisplayName"] = "County housing bureau (administrator)",
            ["Identity:BootstrapClients:1:Secret"] = AdminSecret,
            ["Identity:BootstrapClients:1:OrganisationType"] = OrganisationTypes.Housing,
            ["Identity:BootstrapClients:1:Scopes:0"] = Scopes.IdentityAdmin,
            ["Identity:BootstrapClients:1:Scopes:1"] = Scopes.GovernanceRead,
        });
    }

    public ServiceHost<Governance.Api.Program> Governance { get; } = new("governance");

    public IdentityHost Identity { get; }

    /// <summary>The gateway in front of both, routing /connect/token and /api/identity to the identity host.</summary>
    public ServiceHost<Gateway.Program> Gateway { get; private set; } = null!;

    /// <summary>The token endpoint and the anonymous owner sign-in endpoint.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>The admin API as the bootstrap administrator, with a token from /connect/token.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    /// <summary>The registry, as the housing bureau registers it in governance.</summary>
    public RegistryClient Registry { get; private set; } = null!;

    public HttpClient GovernanceAs(string token) => Governance.CreateHttpClient().WithToken(token);

    public async Task InitializeAsync()
    {
        await Governance.StartAsync();
        await Identity.StartAsync();
        Gateway = new ServiceHost<Gateway.Program>("gateway", new Dictionary<string, string?>
        {
            [Cluster("governance")] = Governance.HttpAddress.ToString(),
            [Cluster("governance-grpc")] = Governance.GrpcAddress.ToString(),
            [Cluster("identity")] = Identity.HttpAddress.ToString(),
            [Cluster("identity-grpc")] = Identity.GrpcAddress.ToString(),
        });
        await Gateway.StartAsync();
        Anonymous = Identity.CreateHttpClient();
        var (status, token) = await Anonymous.ClientCredentials(AdminClientId, AdminSecret);
        Assert.True(status == HttpStatusCode.OK, $"the bootstrap administrator gets no token: {token.Error} {token.ErrorDescription}");
        AdminToken = token.AccessToken!;
        Admin = Identity.CreateHttpClient().WithToken(AdminToken);
        Registry = new RegistryClient(GovernanceAs(TestTokens.Registrar));
    }

    /// <summary>Registers a client through the admin API; the secret comes back once.</summary>
    public async Task<ClientSecretResponse> RegisterClient(string organisationType, Guid? organisationId = null, params string[] scopes)
    {
        var clientId = $"{organisationType}-{RegistryClient.Next()}";
        var response = await Admin.PostAsJsonAsync("/api/identity/v1/clients", new
        {
            clientId,
            displayName = $"{organisationType} client {clientId}",
            organisationType,
            organisationId,
            scopes = scopes.Length > 0 ? scopes : null,
        }, RegistryClient.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register {clientId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ClientSecretResponse>(RegistryClient.Json))!;
    }

    /// <summary>An owner registered in governance with a phone of their own; the phone is returned with them.</summary>
    public async Task<(Guid OwnerId, string Phone)> RegisterOwner()
    {
        var index = RegistryClient.Next();
        var phone = TestIdentities.Phone(index);
        var owner = await Registry.Created<Governance.Api.Registry.OwnerResponse>(
            "/api/governance/v1/owners", new { kind = "Person", name = "王五", idNumber = TestIdentities.ResidentId(index), phone });
        return (owner.Id, phone);
    }

    /// <summary>The identity host as reached through a proxy it trusts, on behalf of a caller at <paramref name="address"/>.</summary>
    public HttpClient AnonymousFrom(string address)
    {
        var client = Identity.CreateHttpClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    /// <summary>Asks for a sign-in code for an owner's <paramref name="phone"/> and waits for it to reach the phone.</summary>
    public async Task<string> SignInCode(string phone)
    {
        var before = Identity.Phones.SentTo(phone).Count;
        await RequestCode(phone);
        await Eventually.Until(
            () => Task.FromResult(Identity.Phones.SentTo(phone).Count > before), TimeSpan.FromSeconds(30), "the sign-in code sent");
        return Identity.Phones.SentTo(phone)[before];
    }

    /// <summary>Asks for a sign-in code for <paramref name="phone"/>; anything but 202 fails with the identity host's warnings.</summary>
    public async Task RequestCode(string phone, HttpClient? from = null)
    {
        using var response = await (from ?? Anonymous).PostAsJsonAsync("/api/identity/v1/owner-sign-in/codes", new { phone });
        Assert.True(
            response.StatusCode == HttpStatusCode.Accepted,
            $"code request: {(int)response.StatusCode}; identity's warnings: {string.Join(Environment.NewLine, Identity.Logs.Entries.Where(e => e.StartsWith("Warning") || e.StartsWith("Error")).TakeLast(5))}");
    }

    private static string Cluster(string name) => $"ReverseProxy:Clusters:{name}:Destinations:primary:Address";

    public async Task DisposeAsync()
    {
        Anonymous.Dispose();
        Admin.Dispose();
        await Gateway.DisposeAsync();
        await Identity.DisposeAsync();
        await Governance.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityPlatform>
{
    public const string Name = "identity platform";
}
