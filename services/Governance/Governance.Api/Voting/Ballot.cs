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

    public long Sequence { get; private set; }

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
            $"{PreviousHash}|{Id}|{ProposalId}|{VoterId}|{CastByOwnerId}|{Choice}|{CastAt.UtcTicks / 10}")));
}
