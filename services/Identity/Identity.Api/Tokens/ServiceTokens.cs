using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.BuildingBlocks.Security;

namespace Platform.Identity.Api.Tokens;

/// <summary>
/// The token the identity service itself presents to governance (to find an owner by phone): issued to
/// itself, signed with its own key, scope governance.read only, five minutes, reused until a minute
/// before it expires. On real time, not the service's TimeProvider: governance checks the token against
/// its own clock.
/// </summary>
public sealed class ServiceTokens(SigningKey key, IConfiguration configuration)
{
    public const string ClientId = "platform-identity";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private (string Token, DateTimeOffset Expires)? _current;

    public string Current()
    {
        var now = TimeProvider.System.GetUtcNow();
        lock (_lock)
        {
            if (_current is { } current && current.Expires - RenewBefore > now)
            {
                return current.Token;
            }

            var expires = now + Lifetime;
            var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = configuration["Auth:Issuer"] ?? AuthenticationExtensions.DefaultIssuer,
                Audience = configuration["Auth:Audience"] ?? AuthenticationExtensions.DefaultAudience,
                Claims = new Dictionary<string, object>
                {
                    [PlatformClaims.Subject] = ClientId,
                    [PlatformClaims.ClientId] = ClientId,
                    [PlatformClaims.Scope] = Scopes.GovernanceRead,
                    [PlatformClaims.OrganisationType] = OrganisationTypes.PlatformService,
                    ["jti"] = Guid.CreateVersion7(now).ToString(),
                },
                IssuedAt = now.UtcDateTime,
                NotBefore = now.UtcDateTime,
                Expires = expires.UtcDateTime,
                SigningCredentials = key.Credentials,
                TokenType = "at+jwt",
            });
            _current = (token, expires);
            return token;
        }
    }
}
