namespace Platform.DemoSeed;

// The identity service's admin API shapes, as the seed sends and reads them (services/Identity/Identity.Api/Clients).

public sealed record RegisterClient(string ClientId, string DisplayName, string OrganisationType, Guid? OrganisationId, IReadOnlyList<string> Scopes);

public sealed record ChangeClientScopes(IReadOnlyList<string> Scopes);

/// <summary>A client as the admin API shows it; <c>Status</c> is Active or Revoked.</summary>
public sealed record PlatformClient(
    string ClientId, string DisplayName, string OrganisationType, Guid? OrganisationId, bool? OrganisationKnown, List<string> Scopes, string Status);

/// <summary>A new secret, shown once (registration or rotation).</summary>
public sealed record ClientSecretAnswer(string ClientId, string ClientSecret, PlatformClient Client);
