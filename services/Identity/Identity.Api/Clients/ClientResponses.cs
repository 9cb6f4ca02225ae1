namespace Platform.Identity.Api.Clients;

public enum ClientStatus
{
    Active,
    Revoked,
}

/// <summary>
/// What a client may do. <c>OrganisationKnown</c>: whether the registry (as this service's read model
/// knows it now) has a community in that township or served by that company; null where the registry
/// cannot tell (departments, care providers, parking operators).
/// </summary>
public sealed record ClientResponse(
    string ClientId,
    string DisplayName,
    string OrganisationType,
    Guid? OrganisationId,
    bool? OrganisationKnown,
    IReadOnlyList<string> Scopes,
    bool IsPublic,
    ClientStatus Status,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? SecretRotatedAt,
    DateTimeOffset? RevokedAt)
{
    public static ClientResponse From(PlatformClient client, bool? organisationKnown) => new(
        client.ClientId, client.DisplayName, client.OrganisationType, client.OrganisationId, organisationKnown, client.Scopes,
        client.IsPublic, client.IsRevoked ? ClientStatus.Revoked : ClientStatus.Active, client.RegisteredAt, client.SecretRotatedAt, client.RevokedAt);
}

/// <summary>A new secret, shown once: it is stored only hashed, and a replay of the request does not show it again.</summary>
public sealed record ClientSecretResponse(string ClientId, string ClientSecret, ClientResponse Client);
