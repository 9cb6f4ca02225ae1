using Platform.BuildingBlocks.Data;
using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Api.Voting;

/// <summary>
/// A ballot as cast: append-only. It is written unsealed, without waiting for any other ballot, and the
/// <see cref="BallotSealer"/> then gives it its place on the proposal's hash chain (position, previous hash,
/// hash) in the order ballots became visible (ADR-006). A voter may cast again while voting is open; the
/// last ballot on the chain counts and the earlier ones stay.
/// </summary>
public sealed class Ballot : IChainLink
{
    public Guid Id { get; init; }

    public Guid ProposalId { get; init; }

    /// <summary>Insertion order (a database identity); the sealer seals in this order what it can see.</summary>
    public long Sequence { get; private set; }

    /// <summary>1, 2, 3… on the proposal's chain once sealed; unique, so the chain cannot fork.</summary>
    public long? Position { get; private set; }

    public required string VoterId { get; init; }

    /// <summary>The owner whose token cast it: the voter itself (a developer included).</summary>
    public Guid CastByOwnerId { get; init; }

    public Choice Choice { get; init; }

    public DateTimeOffset CastAt { get; init; }

    public string? PreviousHash { get; private set; }

    public string? Hash { get; private set; }

    public string? ChainKeyId { get; private set; }

    public bool IsSealed => Hash is not null;

    /// <summary>Puts the ballot on the chain after <paramref name="previousHash"/>; only once.</summary>
    public void Seal(HashChain chain, long position, string previousHash)
    {
        if (IsSealed)
        {
            throw new InvalidOperationException($"Ballot {Id} is sealed already.");
        }

        Position = position;
        PreviousHash = previousHash;
        (ChainKeyId, Hash) = chain.Link(previousHash, LinkedFields());
    }

    public object?[] LinkedFields() => [Position, Id, ProposalId, VoterId, CastByOwnerId, Choice, CastAt.UtcTicks / 10];
}
