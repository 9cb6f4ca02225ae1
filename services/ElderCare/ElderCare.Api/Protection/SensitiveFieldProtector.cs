using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Data;

namespace Platform.ElderCare.Api.Protection;

/// <summary>
/// "ElderCare:Encryption": the keys sensitive fields are encrypted with (id → base64 of 32 random bytes), which of them
/// new writes use, and the key of the keyed hash that finds a person by ID number without decrypting every record.
/// Keys come from a secret (Kubernetes: ElderCare__Encryption__Keys__&lt;id&gt;); a rotation adds a key and makes it
/// current, and keeps the old ones until no record uses them (GET /encryption-keys tells).
/// </summary>
public sealed partial class EncryptionOptions
{
    public string? CurrentKeyId { get; set; }

    public Dictionary<string, string> Keys { get; set; } = [];

    public string? IndexKey { get; set; }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    public static partial Regex KeyIdPattern();

    /// <summary>What is wrong with the configuration, by name only: never a key's value.</summary>
    public IEnumerable<string> Problems()
    {
        if (Keys.Count == 0)
        {
            yield return "ElderCare:Encryption:Keys has no key (set ElderCare__Encryption__Keys__<id> to base64 of 32 random bytes)";
        }

        foreach (var (id, value) in Keys)
        {
            if (!KeyIdPattern().IsMatch(id))
            {
                yield return $"key id '{id}' must be 1-32 letters, digits, '-' or '_'";
            }

            if (Decode(value)?.Length != 32)
            {
                yield return $"key '{id}' is not base64 of exactly 32 bytes";
            }
        }

        if (CurrentKeyId is null || !Keys.ContainsKey(CurrentKeyId))
        {
            yield return "ElderCare:Encryption:CurrentKeyId must name one of the configured keys";
        }

        if (Decode(IndexKey)?.Length is not >= 32)
        {
            yield return "ElderCare:Encryption:IndexKey must be base64 of at least 32 bytes";
        }
    }

    internal static byte[]? Decode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>Refuses to start a host whose keys are missing or malformed, naming what is wrong (never a key's value).</summary>
public sealed class EncryptionOptionsValidation : IValidateOptions<EncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, EncryptionOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems.Select(problem => $"ElderCare:Encryption: {problem} (docs/eldercare.md, \"Keys\")"))
            : ValidateOptionsResult.Success;
}

/// <summary>
/// Per-field encryption at rest of health fields, ID numbers and emergency contacts (PIPL art. 28, 51): AES-256-GCM with
/// a fresh nonce per value, stored as <c>v1:&lt;key id&gt;:&lt;base64(nonce | ciphertext | tag)&gt;</c> so any key still
/// configured decrypts what it wrote. The record id and field name are bound in as associated data: a value copied to
/// another person or column does not decrypt.
/// </summary>
public sealed class SensitiveFieldProtector
{
    private const string Version = "v1";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly byte[] _indexKey;

    public SensitiveFieldProtector(IOptions<EncryptionOptions> options)
    {
        var value = options.Value;
        var problems = value.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Eldercare encryption is not configured: " + string.Join("; ", problems));
        }

        _keys = value.Keys.ToDictionary(k => k.Key, k => EncryptionOptions.Decode(k.Value)!, StringComparer.Ordinal);
        _indexKey = EncryptionOptions.Decode(value.IndexKey)!;
        CurrentKeyId = value.CurrentKeyId!;
    }

    public string CurrentKeyId { get; }

    public string Protect(string plaintext, Guid recordId, string field)
    {
        var key = _keys[CurrentKeyId];
        var input = Encoding.UTF8.GetBytes(plaintext);
        var sealedValue = new byte[NonceBytes + input.Length + TagBytes];
        var nonce = sealedValue.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, input, sealedValue.AsSpan(NonceBytes, input.Length), sealedValue.AsSpan(NonceBytes + input.Length), AssociatedData(recordId, field));
        return $"{Version}:{CurrentKeyId}:{Convert.ToBase64String(sealedValue)}";
    }

    public string Unprotect(string stored, Guid recordId, string field)
    {
        var parts = stored.Split(':', 3);
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new CryptographicException($"The {field} of record {recordId} is not in a known format.");
        }

        if (!_keys.TryGetValue(parts[1], out var key))
        {
            throw new CryptographicException($"The {field} of record {recordId} was written with key '{parts[1]}', which is no longer configured.");
        }

        var sealedValue = Convert.FromBase64String(parts[2]);
        var length = sealedValue.Length - NonceBytes - TagBytes;
        var output = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedValue.AsSpan(0, NonceBytes), sealedValue.AsSpan(NonceBytes, length), sealedValue.AsSpan(NonceBytes + length), output,
            AssociatedData(recordId, field));
        return Encoding.UTF8.GetString(output);
    }

    /// <summary>The key a stored value was written with.</summary>
    public static string KeyIdOf(string stored) => stored.Split(':', 3) is [Version, var keyId, _] ? keyId : "unknown";

    /// <summary>A keyed hash (HMAC-SHA256) to find the same person again by ID number; the index key never rotates with the encryption keys.</summary>
    public string Index(string normalized) => Convert.ToHexString(HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes(normalized)));

    private static byte[] AssociatedData(Guid recordId, string field) => Encoding.UTF8.GetBytes($"{recordId:N}|{field}");

    /// <summary>
    /// The chain key the access log was linked with before every chain shared one mechanism (<see cref="HashChain"/>): derived from
    /// the index key, never stored. Configured as chain key <see cref="AccessLogKeyId"/> so those entries still verify.
    /// </summary>
    public static string? AccessLogKey(string? indexKey) =>
        EncryptionOptions.Decode(indexKey) is { Length: >= 32 } key
            ? Convert.ToBase64String(HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, info: "eldercare access log chain"u8.ToArray()))
            : null;

    public const string AccessLogKeyId = "eldercare-access-log-v1";
}
