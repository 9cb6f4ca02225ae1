using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Tests;
using Platform.Identity.Api.Clients;
using Platform.TestKit;

namespace Platform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class BootstrapClientsTests(IdentityPlatform platform)
{
    [Fact]
    public async Task A_bootstrap_client_is_created_once_and_follows_the_configured_secret_and_scopes_at_each_start()
    {
        var clientId = $"bootstrap-{RegistryClient.Next()}";
        var first = new BootstrapClient { ClientId = clientId, Secret = "first-secret-of-the-month", OrganisationType = OrganisationTypes.Police };
        var second = new BootstrapClient
        {
            ClientId = clientId,
            Secret = "second-secret-of-the-month",
            OrganisationType = OrganisationTypes.Police,
            Scopes = [Scopes.GovernanceRead],
        };

        await Start(first);
        await Start(first);
        var (firstStatus, _) = await platform.Anonymous.ClientCredentials(clientId, first.Secret);
        await Start(second);
        var (oldStatus, _) = await platform.Anonymous.ClientCredentials(clientId, first.Secret);
        var (newStatus, token) = await platform.Anonymous.ClientCredentials(clientId, second.Secret);

        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, oldStatus);
        Assert.Equal(HttpStatusCode.OK, newStatus);
        Assert.Equal(Scopes.GovernanceRead, token.Scope);
        var db = platform.Identity.DatabaseConnectionString;
        var mine = $"payload::jsonb->>'clientId' = '{clientId}'";
        Assert.Equal(1, await Sql.CountAsync(db, "clients", $"client_id = '{clientId}'"));
        Assert.Equal(1, await Sql.CountAsync(db, "outbox_messages", $"type LIKE '%.ClientRegistered' AND {mine}"));
        Assert.Equal(1, await Sql.CountAsync(db, "outbox_messages", $"type LIKE '%.ClientSecretRotated' AND {mine}"));
        Assert.Equal(1, await Sql.CountAsync(db, "outbox_messages", $"type LIKE '%.ClientScopesChanged' AND {mine}"));
    }

    [Theory]
    [InlineData("township", "a-long-enough-secret", "governance.read")]
    [InlineData("police", "short", "governance.read")]
    [InlineData("owner", "owners-app-has-no-secret", "governance.read")]
    [InlineData("bank", "a-long-enough-secret", "governance.read")]
    [InlineData("parking-operator", "a-long-enough-secret", "identity.admin")]
    public async Task A_bootstrap_client_that_breaks_the_rules_stops_the_start(string organisationType, string secret, string scope)
    {
        var client = new BootstrapClient
        {
            ClientId = $"broken-{RegistryClient.Next()}",
            OrganisationType = organisationType,
            // A township without its id breaks the rules too, as does any partner asking for identity.admin.
            OrganisationId = organisationType == OrganisationTypes.ParkingOperator ? Guid.NewGuid() : null,
            Secret = secret,
            Scopes = [scope],
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => Start(client));
        Assert.Equal(0, await Sql.CountAsync(platform.Identity.DatabaseConnectionString, "clients", $"client_id = '{client.ClientId}'"));
    }

    private Task Start(params BootstrapClient[] clients) =>
        new BootstrapClientsInitializer(
                platform.Identity.Services.GetRequiredService<IServiceScopeFactory>(),
                Options.Create(new IdentityOptions { BootstrapClients = [.. clients] }),
                platform.Identity.Services.GetRequiredService<ILogger<BootstrapClientsInitializer>>())
            .StartAsync(CancellationToken.None);
}
