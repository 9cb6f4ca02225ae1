using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Platform.BuildingBlocks.Security;

namespace Platform.Identity.Api.Tokens;

/// <summary>
/// The RSA key the service signs access tokens with: "Identity:SigningKey" (PEM, from a Kubernetes
/// secret) or PLATFORM_AUTH_PRIVATE_KEY. Never generated at start, in any environment: a key made up
/// by one replica would sign tokens no service trusts. Every service trusts the matching public key
/// through "Auth:SigningKeys" (ADR-004).
/// </summary>
public sealed class SigningKey
{
    public const string ConfigurationKey = "Identity:SigningKey";
    public const string EnvironmentVariable = "PLATFORM_AUTH_PRIVATE_KEY";

    private SigningKey(RSA rsa)
    {
        KeyId = AuthenticationExtensions.KeyId(rsa);
        SecurityKey = new RsaSecurityKey(rsa) { KeyId = KeyId };
        Credentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.RsaSha256);
        // OpenIddict insists on an encryption key even when no token is encrypted (access tokens are plain
        // signed JWTs, and no grant issues refresh tokens or codes): derive one, so replicas agree and no
        // second secret is needed.
        EncryptionKey = new SymmetricSecurityKey(HKDF.DeriveKey(HashAlgorithmName.SHA256, rsa.ExportPkcs8PrivateKey(), 32, info: "platform-identity-encryption"u8.ToArray()))
        {
            KeyId = $"{KeyId}-enc",
        };
    }

    /// <summary>The key id in the token header: the same hash of the public key services compute (AuthenticationExtensions.KeyId).</summary>
    public string KeyId { get; }

    public RsaSecurityKey SecurityKey { get; }

    public SigningCredentials Credentials { get; }

    public SymmetricSecurityKey EncryptionKey { get; }

    public static SigningKey FromConfiguration(IConfiguration configuration)
    {
        var pem = configuration[ConfigurationKey] is { Length: > 0 } configured ? configured : configuration[EnvironmentVariable];
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new InvalidOperationException(
                $"No token signing key: set {ConfigurationKey.Replace(":", "__", StringComparison.Ordinal)} (PEM RSA private key, a Kubernetes secret) " +
                $"or {EnvironmentVariable}. ./run.sh and ./test.sh provide one; services trust its public key through Auth__SigningKeys__N or PLATFORM_AUTH_PUBLIC_KEY.");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < 2048)
            {
                throw new InvalidOperationException($"The token signing key has {rsa.KeySize} bits; at least 2048 are required.");
            }

            // A public key alone would import too, and fail only at the first signature.
            rsa.ExportPkcs8PrivateKey();
        }
        catch (CryptographicException exception)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"{ConfigurationKey} / {EnvironmentVariable} is not a PEM RSA private key.", exception);
        }

        return new SigningKey(rsa);
    }
}
