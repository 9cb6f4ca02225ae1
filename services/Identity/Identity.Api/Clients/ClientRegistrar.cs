using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;
using Platform.Contracts.Events;
using Platform.Identity.Api.Infrastructure;
using Platform.Identity.Api.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Api.Clients;

/// <summary>
/// Changes clients: the platform's record of the client and OpenIddict's application (client id and
/// hashed secret) change together with the integration event, in one save. Callers provide the
/// transaction (the audited-command filter, or the bootstrap).
/// </summary>
public sealed class ClientRegistrar(IdentityDbContext db, IOpenIddictApplicationManager applications, TimeProvider time)
{
    /// <summary>A new secret: 256 random bits, URL-safe.</summary>
    public static string GenerateSecret() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Registers a confidential client (with <paramref name="secret"/>) or, without one, a public client.</summary>
    public async Task<PlatformClient> RegisterAsync(
        string clientId, string displayName, string organisationType, Guid? organisationId, IReadOnlyList<string> scopes, string? secret,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var client = PlatformClient.Register(clientId, displayName, organisationType, organisationId, scopes, isPublic: secret is null, now);
        db.Clients.Add(client);
        db.AddIntegrationEvent(
            new ClientRegistered(client.ClientId, client.DisplayName, client.OrganisationType, client.OrganisationId, client.Scopes, client.IsPublic, now), now);
        // OpenIddict hashes the secret and saves the application; the same save writes the client and its event.
        await applications.CreateAsync(Descriptor(client, secret), cancellationToken);
        return client;
    }

    public async Task RotateSecretAsync(PlatformClient client, string secret, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(client.ClientId, cancellationToken)
            ?? throw new InvalidOperationException($"Client {client.ClientId} has no OpenIddict application.");
        var now = time.GetUtcNow();
        client.SecretRotated(now);
        db.AddIntegrationEvent(new ClientSecretRotated(client.ClientId, now), now);
        await applications.UpdateAsync(application, secret, cancellationToken);
    }

    /// <summary>Whether <paramref name="secret"/> is the client's current secret (the bootstrap leaves a current one alone).</summary>
    public async Task<bool> HasSecretAsync(PlatformClient client, string secret, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(client.ClientId, cancellationToken) is { } application
        && await applications.ValidateClientSecretAsync(application, secret, cancellationToken);

    /// <summary>
    /// The client's next token request is refused (OpenIddict no longer knows the client id, and the token
    /// endpoint checks the status too); tokens already issued stay valid until they expire.
    /// </summary>
    public async Task RevokeAsync(PlatformClient client, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        client.Revoke(now);
        db.AddIntegrationEvent(new ClientRevoked(client.ClientId, now), now);
        if (await applications.FindByClientIdAsync(client.ClientId, cancellationToken) is { } application)
        {
            await applications.DeleteAsync(application, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ChangeScopesAsync(PlatformClient client, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        if (client.ChangeScopes(scopes))
        {
            var now = time.GetUtcNow();
            db.AddIntegrationEvent(new ClientScopesChanged(client.ClientId, client.Scopes, now), now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static OpenIddictApplicationDescriptor Descriptor(PlatformClient client, string? secret)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = secret,
            ClientType = client.IsPublic ? ClientTypes.Public : ClientTypes.Confidential,
            DisplayName = client.DisplayName,
        };
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(client.IsPublic
            ? Permissions.Prefixes.GrantType + OwnerSignInGrant.Type
            : Permissions.GrantTypes.ClientCredentials);
        return descriptor;
    }
}
