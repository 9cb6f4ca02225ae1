using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.ElderCare.Domain.Access;

/// <summary>One entry of a caller's chain as stored, with the hash its content gives under the key.</summary>
public sealed record ChainedEntry(Guid Id, long Position, string PreviousHash, string Hash, string Recomputed);

/// <summary>
/// The access log's chain: per caller, each entry carries its position and the hash of the caller's entry before it, and its
/// own hash is an HMAC-SHA256 under a key the database does not hold. Someone who can write to the database (a superuser
/// with the trigger off) can change, delete or forge rows, but cannot give them hashes that verify.
/// </summary>
public static class AccessLogChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Upper-case hex HMAC-SHA256 of the previous hash and the fields joined by '|', formatted without culture.</summary>
    public static string Link(byte[] key, string previousHash, params object?[] fields)
    {
        var text = string.Join('|', fields.Prepend(previousHash).Select(f => Convert.ToString(f, CultureInfo.InvariantCulture)));
        return Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The first entry of one caller's chain (in position order) that breaks it, and how; null when it verifies.</summary>
    public static (ChainedEntry Entry, string Problem)? FirstBreak(IEnumerable<ChainedEntry> chain)
    {
        var (expectedPosition, previous) = (1L, Genesis);
        foreach (var entry in chain)
        {
            var problem = entry.Position != expectedPosition ? $"is at position {entry.Position}, not {expectedPosition}: one is missing"
                : entry.PreviousHash != previous ? "does not link to the entry before it"
                : entry.Hash != entry.Recomputed ? "does not match its hash: its content was changed"
                : null;
            if (problem is not null)
            {
                return (entry, problem);
            }

            (expectedPosition, previous) = (expectedPosition + 1, entry.Hash);
        }

        return null;
    }
}
