namespace Platform.Contracts.Events;

// Integration events published by the identity service about its clients (the organisations and apps
// that may ask for tokens). Ids, organisations and scopes only: never a secret, a token or a code.

/// <summary>A client was registered (or first configured at start, for the bootstrap clients).</summary>
public sealed record ClientRegistered(
    string ClientId,
    string DisplayName,
    string OrganisationType,
    Guid? OrganisationId,
    IReadOnlyList<string> Scopes,
    bool IsPublic,
    DateTimeOffset OccurredAt);

/// <summary>The client may no longer get tokens; tokens it already holds expire within the access-token lifetime.</summary>
public sealed record ClientRevoked(string ClientId, DateTimeOffset OccurredAt);

/// <summary>The scopes a client may ask for changed; its next token carries at most these.</summary>
public sealed record ClientScopesChanged(string ClientId, IReadOnlyList<string> Scopes, DateTimeOffset OccurredAt);

/// <summary>The client's secret was replaced; the old secret no longer gets tokens.</summary>
public sealed record ClientSecretRotated(string ClientId, DateTimeOffset OccurredAt);
