using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// "Chains": the keys chain links are made with (id → base64 of at least 32 random bytes) and the one new links use. They
/// come from a secret (Kubernetes: Chains__Keys__&lt;id&gt;), never from the database: whoever can write the tables cannot
/// give a changed row a link that verifies. A rotation adds a key, makes it current, and keeps the old one as long as any
/// link names it (every link stores its key id).
/// </summary>
public sealed partial class ChainOptions
{
    public const string Section = "Chains";

    public string? CurrentKeyId { get; set; }

    public Dictionary<string, string> Keys { get; set; } = [];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    public static partial Regex KeyIdPattern();

    /// <summary>What is wrong with the configuration, by name only: never a key's value.</summary>
    public IEnumerable<string> Problems()
    {
        if (Keys.Count == 0)
        {
            yield return "Chains:Keys has no key (set Chains__Keys__<id> to base64 of 32 random bytes)";
        }

        foreach (var (id, value) in Keys)
        {
            if (!KeyIdPattern().IsMatch(id))
            {
                yield return $"key id '{id}' must be 1-40 letters, digits, '-' or '_'";
            }

            if (Decode(value)?.Length is not >= 32)
            {
                yield return $"key '{id}' is not base64 of at least 32 bytes";
            }
        }

        if (CurrentKeyId is null || !Keys.ContainsKey(CurrentKeyId))
        {
            yield return "Chains:CurrentKeyId must name one of the configured keys";
        }
    }

    public static byte[]? Decode(string? value)
    {
        try
        {
            return string.IsNullOrWhiteSpace(value) ? null : Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>Refuses to start a host whose chain keys are missing or malformed, naming what is wrong (never a key's value).</summary>
public sealed class ChainOptionsValidation : IValidateOptions<ChainOptions>
{
    public ValidateOptionsResult Validate(string? name, ChainOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems.Select(problem => $"Chains: {problem} (docs/architecture.md, \"Tamper evidence\")"))
            : ValidateOptionsResult.Success;
}

/// <summary>A record on a hash chain (an audit entry, a ballot, a payment, a ledger entry, an access-log entry), as stored.</summary>
public interface IChainLink
{
    string? PreviousHash { get; }

    string? Hash { get; }

    /// <summary>The key its link was made with; null on links made with plain SHA-256 before links were keyed.</summary>
    string? ChainKeyId { get; }

    /// <summary>The fields its link covers, in order (the previous hash comes first, added by the chain).</summary>
    object?[] LinkedFields();
}

/// <summary>
/// The link of every hash-chained record: upper-case hex HMAC-SHA256, under a key the database does not hold, of the
/// previous hash and the record's fields joined by '|' (formatted without culture). Links made before the keys existed are
/// plain SHA-256 and carry no key id; they verify only before a chain's first keyed link (a plain link after it breaks the
/// chain), and a chain still wholly plain is only as good as its last signed checkpoint. The first record follows
/// <see cref="Genesis"/>.
/// </summary>
public sealed class HashChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    // Read when first used, not when made: the migration Job builds every context but holds no chain key (the host's start checks them).
    private readonly Lazy<Dictionary<string, byte[]>> _keys;
    private readonly Lazy<string> _currentKeyId;

    public HashChain(IOptions<ChainOptions> options)
    {
        _keys = new(() => Configured(options.Value).Keys
            .ToDictionary(k => k.Key, k => ChainOptions.Decode(k.Value)!, StringComparer.Ordinal));
        _currentKeyId = new(() => Configured(options.Value).CurrentKeyId!);
    }

    public string CurrentKeyId => _currentKeyId.Value;

    /// <summary>A new link under the current key, and that key's id (to be stored with it).</summary>
    public (string KeyId, string Hash) Link(string previousHash, params object?[] fields) =>
        (CurrentKeyId, Keyed(_keys.Value[CurrentKeyId], previousHash, fields));

    /// <summary>What the record's link should be, by the key it names; null when that key is not configured.</summary>
    public string? Recompute(IChainLink link)
    {
        var previous = link.PreviousHash ?? "";
        if (link.ChainKeyId is not { } keyId)
        {
            return Plain(previous, link.LinkedFields());
        }

        return _keys.Value.TryGetValue(keyId, out var key) ? Keyed(key, previous, link.LinkedFields()) : null;
    }

    private static ChainOptions Configured(ChainOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems
            ? throw new InvalidOperationException("Chain keys are not configured: " + string.Join("; ", problems))
            : options;

    /// <summary>A walk along one chain, record by record in chain order.</summary>
    public ChainWalk Walk() => new(this);

    /// <summary>The first record of one chain (in chain order) that breaks it, and how; null when it verifies.</summary>
    public (T Link, string Problem)? FirstBreak<T>(IEnumerable<T> chain, Func<T, long?> position) where T : IChainLink
    {
        var walk = Walk();
        foreach (var link in chain)
        {
            if (walk.Next(link, position(link)) is { } problem)
            {
                return (link, problem);
            }
        }

        return null;
    }

    private static string Keyed(byte[] key, string previousHash, object?[] fields)
    {
        var text = string.Join('|', fields.Prepend(previousHash).Select(f => Convert.ToString(f, CultureInfo.InvariantCulture)));
        return Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    // Exactly how links were made before they were keyed, so those records still verify.
    private static string Plain(string previousHash, object?[] fields) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', fields.Prepend(previousHash)))));
}

/// <summary>
/// Checks one chain record by record: each at the next position, naming the hash before it, keyed if any before it was, and
/// matching its link. <see cref="Head"/> and <see cref="Position"/> are those of the last record that held.
/// </summary>
public sealed class ChainWalk(HashChain chain)
{
    private bool _keyed;

    public string Head { get; private set; } = HashChain.Genesis;

    public long Position { get; private set; }

    /// <summary>What is wrong with the next record, or null when it holds (and the walk moves past it).</summary>
    public string? Next(IChainLink link, long? position = null)
    {
        var expected = Position + 1;
        var recomputed = chain.Recompute(link);
        var problem = position is { } at && at != expected ? $"is at position {at}, not {expected}: one is missing"
            : link.PreviousHash != Head ? "does not link to the entry before it"
            : link.ChainKeyId is null && _keyed ? "carries an unkeyed link after the chain was keyed"
            : recomputed is null ? $"is linked under key '{link.ChainKeyId}', which is not configured"
            : link.Hash != recomputed ? "does not match its hash: its content was changed"
            : null;
        if (problem is null)
        {
            (Head, Position) = (link.Hash!, expected);
            _keyed |= link.ChainKeyId is not null;
        }

        return problem;
    }
}
