namespace Platform.Bench.Voting;

/// <summary>One intended ballot: who casts it, on what, which choice, and the Idempotency-Key that names it in the record.</summary>
public sealed record PlannedBallot(int Owner, Guid ProposalId, string Choice, string Key);

/// <summary>
/// The ballots of a run in sending order. Owners take turns in a shuffled order, so one owner's ballots are far
/// apart and each owner casts only a few; a repeat ballot picks its choice afresh, so some owners change their vote.
/// </summary>
public sealed class BallotPlan
{
    private static readonly string[] Choices = ["Agree", "Disagree", "Abstain"];
    private readonly int[] _turns;
    private readonly IReadOnlyList<Guid> _proposals;
    private readonly string _run;

    public BallotPlan(int owners, IReadOnlyList<Guid> proposals, string run)
    {
        var random = new Random(278);
        _turns = Enumerable.Range(0, owners).ToArray();
        random.Shuffle(_turns);
        _proposals = proposals;
        _run = run;
    }

    /// <summary>The key prefix of this run's ballots, to find their idempotency records.</summary>
    public string KeyPrefix => $"bench-{_run}-";

    public PlannedBallot this[int index]
    {
        get
        {
            // Consecutive ballots go to different proposals; an owner comes round again after every owner has cast on each.
            var owner = _turns[index / _proposals.Count % _turns.Length];
            var choice = Choices[(int)(((uint)index * 2654435761u) >> 16) % Choices.Length];
            return new PlannedBallot(owner, _proposals[index % _proposals.Count], choice, KeyPrefix + index);
        }
    }

    /// <summary>Ballots per owner in <paramref name="count"/> requests (the most any owner casts).</summary>
    public int MostPerOwner(int count) => (int)Math.Ceiling((double)count / _proposals.Count / _turns.Length);
}
