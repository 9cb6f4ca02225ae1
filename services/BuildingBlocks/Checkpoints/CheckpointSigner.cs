using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.Checkpoints;

/// <summary>
/// "Checkpoints": the ECDSA P-256 private key (PEM) checkpoints are signed with and its id, the public keys of earlier signing
/// keys by id (a rotation keeps them, so old checkpoints still verify), and how often a checkpoint is issued. The private key
/// comes from a secret (Kubernetes: Checkpoints__SigningKey); its public key is published with the checkpoints.
/// </summary>
public sealed class CheckpointOptions
{
    public const string Section = "Checkpoints";

    public string? KeyId { get; set; }

    public string? SigningKey { get; set; }

    public Dictionary<string, string> PublicKeys { get; set; } = [];

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>What is wrong with the configuration, by name only: never a key's value.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(KeyId) || !Data.ChainOptions.KeyIdPattern().IsMatch(KeyId))
        {
            yield return "Checkpoints:KeyId must be 1-40 letters, digits, '-' or '_'";
        }

        if (Load(SigningKey, publicOnly: false) is not { } key)
        {
            yield return "Checkpoints:SigningKey must be a PEM ECDSA P-256 private key (openssl ecparam -name prime256v1 -genkey -noout)";
        }
        else
        {
            key.Dispose();
        }

        foreach (var (id, pem) in PublicKeys)
        {
            using var key2 = Load(pem, publicOnly: true);
            if (key2 is null)
            {
                yield return $"Checkpoints:PublicKeys:{id} is not a PEM ECDSA P-256 public key";
            }
        }

        if (Interval <= TimeSpan.Zero)
        {
            yield return "Checkpoints:Interval must be positive";
        }
    }

    internal static ECDsa? Load(string? pem, bool publicOnly)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            var parameters = key.ExportParameters(includePrivateParameters: false);
            if (parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value || (!publicOnly && !HasPrivateKey(key)))
            {
                key.Dispose();
                return null;
            }

            return key;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    private static bool HasPrivateKey(ECDsa key)
    {
        try
        {
            return key.ExportParameters(includePrivateParameters: true).D is { Length: > 0 };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}

/// <summary>Refuses to start a host without a checkpoint signing key, naming what is wrong (never a key's value).</summary>
public sealed class CheckpointOptionsValidation : IValidateOptions<CheckpointOptions>
{
    public ValidateOptionsResult Validate(string? name, CheckpointOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems.Select(problem => $"{problem} (docs/architecture.md, \"Tamper evidence\")"))
            : ValidateOptionsResult.Success;
}

/// <summary>A published key a checkpoint's signature is checked with.</summary>
public sealed record CheckpointKey(string KeyId, string Algorithm, string PublicKeyPem);

/// <summary>Signs checkpoints with the current key and checks them with any published one. Keys are read when first used.</summary>
public sealed class CheckpointSigner(IOptions<CheckpointOptions> options) : IDisposable
{
    public const string Algorithm = "ECDSA P-256 SHA-256 (IEEE P1363 signature, base64)";

    private readonly Lazy<ECDsa> _signing = new(() => CheckpointOptions.Load(Configured(options.Value).SigningKey, publicOnly: false)!);

    public string KeyId => Configured(options.Value).KeyId!;

    public TimeSpan Interval => options.Value.Interval;

    /// <summary>The current key's public half and the earlier ones', by id.</summary>
    public IReadOnlyList<CheckpointKey> PublicKeys() =>
        [
            new(KeyId, Algorithm, _signing.Value.ExportSubjectPublicKeyInfoPem()),
            .. options.Value.PublicKeys.Where(k => k.Key != KeyId).OrderBy(k => k.Key, StringComparer.Ordinal)
                .Select(k => new CheckpointKey(k.Key, Algorithm, k.Value)),
        ];

    public string Sign(string content) =>
        Convert.ToBase64String(_signing.Value.SignData(Encoding.UTF8.GetBytes(content), HashAlgorithmName.SHA256));

    /// <summary>
    /// Whether <paramref name="signature"/> is the signature of <paramref name="content"/> under the published key <paramref
    /// name="keyId"/>.
    /// </summary>
    public bool Verifies(string keyId, string content, string signature)
    {
        if (PublicKeys().FirstOrDefault(k => k.KeyId == keyId) is not { } published)
        {
            return false;
        }

        using var key = CheckpointOptions.Load(published.PublicKeyPem, publicOnly: true);
        try
        {
            return key is not null
                && key.VerifyData(Encoding.UTF8.GetBytes(content), Convert.FromBase64String(signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (_signing.IsValueCreated)
        {
            _signing.Value.Dispose();
        }
    }

    private static CheckpointOptions Configured(CheckpointOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems
            ? throw new InvalidOperationException("Checkpoint signing is not configured: " + string.Join("; ", problems))
            : options;
}
