using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.BuildingBlocks.Security;

namespace Platform.TestKit;

/// <summary>
/// Access tokens for tests, signed with a key made for this test run (every host is configured to trust it),
/// plus the broken ones a hostile caller would try: expired, wrong audience or issuer, unsigned, tampered.
/// </summary>
public static class TestTokens
{
    private static readonly RSA SigningKey = RSA.Create(2048);
    private static readonly RSA StrangerKey = RSA.Create(2048);

    public static string PublicKeyPem { get; } = SigningKey.ExportSubjectPublicKeyInfoPem();

    public static string PrivateKeyPem { get; } = SigningKey.ExportPkcs8PrivateKeyPem();

    /// <summary>The housing bureau with every scope: keeps the registers, sees the whole county.</summary>
    public static string Registrar { get; } = For(OrganisationTypes.Housing, null, [.. Scopes.All]);

    public static string For(string organisationType, Guid? organisationId, params string[] scopes) =>
        Issue(new TokenRequest(organisationType, organisationId, scopes));

    /// <summary>What a client of this organisation gets from identity when registered without naming scopes.</summary>
    public static string WithDefaults(string organisationType, Guid? organisationId = null) =>
        For(organisationType, organisationId, [.. ScopeGrants.Defaults(organisationType)]);

    public static string ForOwner(Guid ownerId, params string[] scopes) =>
        Issue(new TokenRequest(OrganisationTypes.Owner, null, scopes.Length > 0 ? scopes : [.. Scopes.Owner]) { Subject = ownerId.ToString() });

    public static string Issue(TokenRequest request)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            [PlatformClaims.Subject] = request.Subject ?? request.ClientId,
            [PlatformClaims.ClientId] = request.ClientId,
            [PlatformClaims.Scope] = string.Join(' ', request.Scopes),
            [PlatformClaims.OrganisationType] = request.OrganisationType,
        };
        if (request.OrganisationId is { } organisationId)
        {
            claims[PlatformClaims.OrganisationId] = organisationId.ToString();
        }

        var key = new RsaSecurityKey(request.SignWithStrangerKey ? StrangerKey : SigningKey)
        {
            KeyId = AuthenticationExtensions.KeyId(request.SignWithStrangerKey ? StrangerKey : SigningKey),
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = request.Issuer,
            Audience = request.Audience,
            Claims = claims,
            IssuedAt = now + request.Shift - TimeSpan.FromMinutes(1),
            NotBefore = now + request.Shift - TimeSpan.FromMinutes(1),
            Expires = now + request.Shift + request.Lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            TokenType = request.TokenType,
        });
    }

    /// <summary>The same claims with "alg": "none" and no signature.</summary>
    public static string Unsigned(string token)
    {
        var parts = token.Split('.');
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"at+jwt"}"""));
        return $"{header}.{parts[1]}.";
    }

    /// <summary>The payload changed after signing (a partner widening its own scopes).</summary>
    public static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        var widened = payload.Replace("\"scope\":\"", "\"scope\":\"identity.admin ", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(widened))}.{parts[2]}";
    }
}

public sealed record TokenRequest(string OrganisationType, Guid? OrganisationId, IReadOnlyList<string> Scopes)
{
    public string ClientId { get; init; } = $"test-{Guid.NewGuid():N}"[..20];

    public string? Subject { get; init; }

    public string Issuer { get; init; } = AuthenticationExtensions.DefaultIssuer;

    public string Audience { get; init; } = AuthenticationExtensions.DefaultAudience;

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Moves the token's times, e.g. an hour back for an expired token.</summary>
    public TimeSpan Shift { get; init; } = TimeSpan.Zero;

    public bool SignWithStrangerKey { get; init; }

    /// <summary>The header's "typ": an access token's (RFC 9068) unless a test passes off another kind of JWT.</summary>
    public string TokenType { get; init; } = "at+jwt";
}

public static class AuthorizedClients
{
    /// <summary>Sends <paramref name="token"/> as the bearer token on every request of this client.</summary>
    public static HttpClient WithToken(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
