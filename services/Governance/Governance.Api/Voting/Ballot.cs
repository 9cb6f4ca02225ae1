using System.Security.Cryptography;
using System.Text;
using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Api.Voting;

/// <summary>
/// A ballot as cast: append-only, hash-chained per proposal in casting order. A voter may cast again
/// while voting is open; the last ballot counts and the earlier ones stay on the chain.
/// </summary>
public sealed class Ballot
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public Guid Id { get; init; }

    public Guid ProposalId { get; init; }

    /// <summary>1, 2, 3… per proposal in casting order; unique, so the chain cannot fork.</summary>
    public long Position { get; init; }

    public required string VoterId { get; init; }

    /// <summary>The owner whose token cast it (the developer's ballot names the signing owner record).</summary>
    public Guid CastByOwnerId { get; init; }

    public Choice Choice { get; init; }

    public DateTimeOffset CastAt { get; init; }

    public required string PreviousHash { get; init; }

    public string Hash { get; private set; } = "";

    public Ballot Seal()
    {
        Hash = ComputeHash();
        return this;
    }

    public string ComputeHash() =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{PreviousHash}|{Position}|{Id}|{ProposalId}|{VoterId}|{CastByOwnerId}|{Choice}|{CastAt.UtcTicks / 10}")));
}
