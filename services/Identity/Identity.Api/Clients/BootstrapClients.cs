using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Security;
using Platform.Identity.Api.Infrastructure;

namespace Platform.Identity.Api.Clients;

/// <summary>A client that configuration creates or updates at start ("Identity:BootstrapClients").</summary>
public sealed class BootstrapClient
{
    public string ClientId { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>Confidential clients have one (a Kubernetes secret); the owners' app (organisation type "owner") has none.</summary>
    public string? Secret { get; set; }

    public string OrganisationType { get; set; } = "";

    public Guid? OrganisationId { get; set; }

    /// <summary>Empty: the organisation type's defaults.</summary>
    public List<string> Scopes { get; set; } = [];
}

public sealed class IdentityOptions
{
    public List<BootstrapClient> BootstrapClients { get; set; } = [];
}

/// <summary>
/// Makes the configured clients exist as configured, at every start, before requests are served: the
/// first housing-bureau administrator and the owners' app. Configuration wins for display name,
/// organisation, scopes and secret; a bootstrap client that was revoked stays revoked (configure a
/// new client id instead). Replicas starting together queue on an advisory lock.
/// </summary>
public sealed class BootstrapClientsInitializer(
    IServiceScopeFactory scopes, IOptions<IdentityOptions> options, ILogger<BootstrapClientsInitializer> logger) : IHostedService
{
    public const int MinimumSecretLength = 16;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.BootstrapClients;
        if (configured.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var registrar = scope.ServiceProvider.GetRequiredService<ClientRegistrar>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.AcquireAsync("identity-bootstrap-clients", cancellationToken);
        foreach (var wanted in configured)
        {
            Check(wanted);
            var scopesWanted = wanted.Scopes.Count > 0 ? wanted.Scopes : ScopeGrants.Defaults(wanted.OrganisationType);
            var displayName = string.IsNullOrWhiteSpace(wanted.DisplayName) ? wanted.ClientId : wanted.DisplayName.Trim();
            var secret = string.IsNullOrEmpty(wanted.Secret) ? null : wanted.Secret;
            var client = await db.Clients.FirstOrDefaultAsync(c => c.ClientId == wanted.ClientId, cancellationToken);
            if (client is null)
            {
                await registrar.RegisterAsync(wanted.ClientId, displayName, wanted.OrganisationType, wanted.OrganisationId, scopesWanted, secret, cancellationToken);
                logger.LogInformation("Bootstrap client {ClientId} ({OrganisationType}) registered", wanted.ClientId, wanted.OrganisationType);
                continue;
            }

            if (client.IsRevoked)
            {
                logger.LogWarning("Bootstrap client {ClientId} is revoked and stays so; configure a new client id", wanted.ClientId);
                continue;
            }

            if (client.IsPublic != (secret is null))
            {
                throw new InvalidOperationException(
                    $"Identity:BootstrapClients: {wanted.ClientId} exists as a {(client.IsPublic ? "public" : "confidential")} client; it cannot change kind.");
            }

            client.Describe(displayName, wanted.OrganisationType, wanted.OrganisationId);
            await registrar.ChangeScopesAsync(client, scopesWanted, cancellationToken);
            if (secret is not null && !await registrar.HasSecretAsync(client, secret, cancellationToken))
            {
                await registrar.RotateSecretAsync(client, secret, cancellationToken);
                logger.LogInformation("Bootstrap client {ClientId} has the configured secret again", wanted.ClientId);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A wrong bootstrap client is a deployment error: the service does not start.</summary>
    private static void Check(BootstrapClient client)
    {
        var problems = new List<string>();
        if (!RegisterClientRequest.ClientIdPattern().IsMatch(client.ClientId))
        {
            problems.Add("ClientId must be 3-64 lower-case letters, digits or dashes");
        }

        var isOwnersApp = client.OrganisationType == OrganisationTypes.Owner;
        if (!isOwnersApp && !ClientScopeRules.MayBeRegistered(client.OrganisationType))
        {
            problems.Add($"OrganisationType '{client.OrganisationType}' is not one a client may have");
        }

        if (isOwnersApp && !string.IsNullOrEmpty(client.Secret))
        {
            problems.Add("the owners' app (OrganisationType owner) is a public client and takes no Secret");
        }
        else if (!isOwnersApp && (client.Secret?.Length ?? 0) < MinimumSecretLength)
        {
            problems.Add($"Secret must have at least {MinimumSecretLength} characters");
        }

        if (client.Scopes.FirstOrDefault(scope => !Scopes.All.Contains(scope)) is { } unknown)
        {
            problems.Add($"scope '{unknown}' is unknown");
        }

        if (problems.Count == 0 && !ClientScopeRules.Check(client.OrganisationType, client.OrganisationId, client.Scopes).IsEmpty)
        {
            problems.Add("its organisation id or scopes break the client rules (docs/identity.md)");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Identity:BootstrapClients: {client.ClientId}: {string.Join("; ", problems)}.");
        }
    }
}
