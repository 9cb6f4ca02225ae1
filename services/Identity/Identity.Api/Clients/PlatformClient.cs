namespace Platform.Identity.Api.Clients;

/// <summary>
/// A client of the platform: a county department, township or partner firm (confidential, with a
/// secret that OpenIddict keeps hashed in its application store), or the owners' app (public, no
/// secret; its users prove themselves with a one-time code). Says what the client may do: which
/// organisation it acts for and which scopes it may ask for.
/// </summary>
public sealed class PlatformClient
{
    public const int MaxClientIdLength = 64;

    private PlatformClient()
    {
    }

    public Guid Id { get; private set; }

    public string ClientId { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    /// <summary>One of <see cref="Platform.BuildingBlocks.Security.OrganisationTypes"/>.</summary>
    public string OrganisationType { get; private set; } = "";

    /// <summary>The township, property company, care provider or parking operator; null for departments and the owners' app.</summary>
    public Guid? OrganisationId { get; private set; }

    /// <summary>What the client may ask for; a token carries these or a requested subset.</summary>
    public List<string> Scopes { get; private set; } = [];

    /// <summary>A public client (the owners' app) has no secret and may only use the owner sign-in grant.</summary>
    public bool IsPublic { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset? SecretRotatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public static PlatformClient Register(
        string clientId, string displayName, string organisationType, Guid? organisationId, IEnumerable<string> scopes, bool isPublic, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            ClientId = clientId,
            DisplayName = displayName,
            OrganisationType = organisationType,
            OrganisationId = organisationId,
            Scopes = ClientScopeRules.Normalize(scopes),
            IsPublic = isPublic,
            RegisteredAt = now,
        };

    /// <summary>Replaces the scopes; true when they changed.</summary>
    public bool ChangeScopes(IEnumerable<string> scopes)
    {
        var normalized = ClientScopeRules.Normalize(scopes);
        if (normalized.SequenceEqual(Scopes, StringComparer.Ordinal))
        {
            return false;
        }

        Scopes = normalized;
        return true;
    }

    /// <summary>Configuration (the bootstrap clients) says who this client is; true when something changed.</summary>
    public bool Describe(string displayName, string organisationType, Guid? organisationId)
    {
        if (DisplayName == displayName && OrganisationType == organisationType && OrganisationId == organisationId)
        {
            return false;
        }

        DisplayName = displayName;
        OrganisationType = organisationType;
        OrganisationId = organisationId;
        return true;
    }

    public void SecretRotated(DateTimeOffset now) => SecretRotatedAt = now;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
