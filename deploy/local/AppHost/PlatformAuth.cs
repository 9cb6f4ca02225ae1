using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Platform.AppHost;

/// <summary>
/// The token signing key pair and the local administrator's secret, as ./run.sh exports them (made once under
/// /var/tmp/platform-dev-keys). Every host gets the public key; only the identity service gets the private key and
/// the administrator (<see cref="PlatformResources.AddIdentityService{TProject}"/>).
/// </summary>
public sealed record PlatformAuth(string PublicKey, string PrivateKey, string AdminSecret)
{
    public const string PublicKeyVariable = "PLATFORM_AUTH_PUBLIC_KEY";
    public const string PrivateKeyVariable = "PLATFORM_AUTH_PRIVATE_KEY";
    public const string AdminSecretVariable = "PLATFORM_DEMO_ADMIN_SECRET";

    /// <summary>The housing bureau's bootstrap administrator (Identity:BootstrapClients:1; entry 0 is the owners' app).</summary>
    public const string AdminClientId = "county-housing-admin";
    public const string AdminDisplayName = "县住房和城乡建设局管理员 (local administrator)";
    public const string AdminOrganisationType = "housing";

    /// <summary>Administers clients, and reads and writes what the demo seed and the README's curl examples need.</summary>
    public static readonly IReadOnlyList<string> AdminScopes =
    [
        "identity.admin", "governance.read", "governance.write", "fees.read", "funds.read", "parking.read", "eldercare.read",
    ];

    /// <summary>The identity service refuses a bootstrap client with a shorter secret (BootstrapClientsInitializer).</summary>
    private const int MinimumSecretLength = 16;

    public static PlatformAuth FromConfiguration(IConfiguration configuration)
    {
        var auth = new PlatformAuth(
            Required(configuration, PublicKeyVariable), Required(configuration, PrivateKeyVariable), Required(configuration, AdminSecretVariable));
        if (auth.AdminSecret.Length < MinimumSecretLength)
        {
            throw new InvalidOperationException($"{AdminSecretVariable} must have at least {MinimumSecretLength} characters.");
        }

        if (!KeysMatch(auth.PrivateKey, auth.PublicKey))
        {
            throw new InvalidOperationException(
                $"{PublicKeyVariable} is not the public key of {PrivateKeyVariable}: every token would be refused. ./run.sh makes both from one key pair.");
        }

        // DCP, and through it every host and the dashboard, inherits the app host's environment: drop the secrets from
        // it, so they reach the identity service only, where WithEnvironment passes them on explicitly.
        Environment.SetEnvironmentVariable(PrivateKeyVariable, null);
        Environment.SetEnvironmentVariable(AdminSecretVariable, null);
        return auth;
    }

    private static bool KeysMatch(string privatePem, string publicPem)
    {
        try
        {
            using RSA privateKey = RSA.Create(), publicKey = RSA.Create();
            privateKey.ImportFromPem(privatePem);
            publicKey.ImportFromPem(publicPem);
            return privateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(publicKey.ExportSubjectPublicKeyInfo());
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"{PrivateKeyVariable} / {PublicKeyVariable} are not PEM RSA keys: {exception.Message}", exception);
        }
    }

    private static string Required(IConfiguration configuration, string variable) =>
        configuration[variable] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Start the app host with ./run.sh, which makes the token signing key pair and the local " +
                $"administrator's secret once under /var/tmp/platform-dev-keys and exports {PublicKeyVariable}, {PrivateKeyVariable} " +
                $"and {AdminSecretVariable}.");
}
