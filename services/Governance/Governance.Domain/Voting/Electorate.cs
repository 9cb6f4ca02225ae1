namespace Platform.Governance.Domain.Voting;

/// <summary>A unit in a vote's scope: its exclusive area (m², two decimals) and its owner when the proposal was created.</summary>
public sealed record ElectorateUnit(Guid UnitId, decimal ExclusiveArea, Guid OwnerId);

/// <summary>One who votes: an owner with all their units in scope (a developer is an owner: its unsold units in scope together).</summary>
public sealed record Voter(string VoterId, IReadOnlyList<Guid> UnitIds, long AreaHundredths);

/// <summary>
/// The owners of the units in a vote's scope, frozen when the proposal is created. One person with several units
/// counts once; each developer's unsold units count together as one owner, that developer (two developers are two
/// voters, and only each one casts its own ballot); areas are summed exactly in hundredths of a square metre.
/// </summary>
public sealed class Electorate
{
    private readonly Dictionary<string, Voter> _voters;

    public Electorate(IEnumerable<ElectorateUnit> units)
    {
        _voters = units
            .GroupBy(unit => VoterIdOf(unit.OwnerId))
            .ToDictionary(
                group => group.Key,
                group => new Voter(group.Key, group.Select(unit => unit.UnitId).ToList(), group.Sum(unit => Hundredths(unit.ExclusiveArea))));
    }

    private Electorate(IEnumerable<Voter> voters) => _voters = voters.ToDictionary(voter => voter.VoterId);

    /// <summary>An electorate as it was frozen when its proposal was created.</summary>
    public static Electorate FromVoters(IEnumerable<Voter> voters) => new(voters);

    public IReadOnlyCollection<Voter> Voters => _voters.Values;

    public long Headcount => _voters.Count;

    public long AreaHundredths => _voters.Values.Sum(voter => voter.AreaHundredths);

    /// <summary>A voter is the owner record itself, whatever its kind.</summary>
    public static string VoterIdOf(Guid ownerId) => ownerId.ToString();

    public Voter? Find(string voterId) => _voters.GetValueOrDefault(voterId);

    public static long Hundredths(decimal area)
    {
        var hundredths = area * 100;
        if (hundredths != decimal.Truncate(hundredths))
        {
            throw new ArgumentException($"An exclusive area has at most two decimals, not {area}.", nameof(area));
        }

        return (long)hundredths;
    }
}
