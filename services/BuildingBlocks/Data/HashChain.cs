using System.Security.Cryptography;
using System.Text;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// The link of every hash-chained record (audit entries, ballots, payments, ledger entries): the SHA-256,
/// upper-case hex, of the previous hash and the record's fields joined by '|'. The first record follows <see cref="Genesis"/>.
/// </summary>
public static class HashChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Link(string previousHash, params object?[] fields) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', fields.Prepend(previousHash)))));
}
