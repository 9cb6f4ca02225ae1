using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Platform.BuildingBlocks.Security;

namespace Platform.Identity.Api.Tokens;

/// <summary>
/// The RSA key the service signs access tokens with: "Identity:SigningKey" (PEM, from a Kubernetes
/// secret of its own), or in Development PLATFORM_AUTH_PRIVATE_KEY (./run.sh's development key, read in no
/// other environment). Never generated at start, in any environment: a key made up
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

    public static SigningKey FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var development = configuration[EnvironmentVariable] is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        var pem = configuration[ConfigurationKey] is { Length: > 0 } configured
            ? configured
            : environment.IsDevelopment() ? development : null;
        var setting = ConfigurationKey.Replace(":", "__", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new InvalidOperationException(development is null
                ? $"No token signing key: set {setting} (PEM RSA private key, a Kubernetes secret of its own); in Development " +
                  $"{EnvironmentVariable} will do (./run.sh sets it). Services trust its public key through Auth__SigningKeys__N."
                : $"{EnvironmentVariable} holds the development key (./run.sh, /var/tmp/platform-dev-keys) and is read only in " +
                  $"Development, not in {environment.EnvironmentName}: set {setting} (PEM RSA private key) from a Kubernetes secret of its own.");
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
