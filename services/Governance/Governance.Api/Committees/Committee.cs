namespace Platform.Governance.Api.Committees;

public enum CommitteeKind
{
    /// <summary>业主委员会: elected by the owners' assembly (matter 3 of Civil Code art. 278).</summary>
    Owners,

    /// <summary>监督委员会: oversees the owners' committee; actual users (tenants, residents) may serve, not only owners.</summary>
    Supervisory,
}

public enum CommitteeRole
{
    Chair,
    ViceChair,
    Member,
}

/// <summary>A committee of a community for one term. A new one ends the current one of its kind.</summary>
public sealed class Committee
{
    /// <summary>Owners' committees have 5 to 11 members, an odd number (provincial rules on owners' assemblies).</summary>
    public const int MinSeats = 5;
    public const int MaxSeats = 11;

    /// <summary>A term is at most five years (物业管理条例 and provincial rules).</summary>
    public const int MaxTermYears = 5;

    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public CommitteeKind Kind { get; init; }

    public DateOnly TermStart { get; init; }

    public DateOnly TermEnd { get; init; }

    /// <summary>The vote that elected it (owners' committees).</summary>
    public Guid? ElectedByProposalId { get; init; }

    /// <summary>Set when a successor replaced it before its term ended.</summary>
    public DateOnly? EndedOn { get; set; }

    public DateTimeOffset FormedAt { get; init; }

    public List<CommitteeMember> Members { get; init; } = [];

    public static bool IsValidSeatCount(int seats) => seats is >= MinSeats and <= MaxSeats && seats % 2 == 1;

    public bool IsCurrentOn(DateOnly day) => TermStart <= day && day < TermEnd && (EndedOn is null || day < EndedOn);
}

/// <summary>A committee member: an owner (by id) or, on a supervisory committee, a resident known by name.</summary>
public sealed class CommitteeMember
{
    public Guid Id { get; init; }

    public Guid CommitteeId { get; init; }

    public Guid? OwnerId { get; init; }

    public required string Name { get; init; }

    public CommitteeRole Role { get; set; }
}

/// <summary>An owners' committee election (等额选举: as many candidates as seats), put to the owners as a matter-3 vote.</summary>
public sealed class CommitteeElection
{
    public const string ReferencePrefix = "governance:committee-election:";

    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public Guid ProposalId { get; init; }

    public int Seats { get; init; }

    public int TermYears { get; init; }

    public Guid[] CandidateOwnerIds { get; init; } = [];

    /// <summary>The committee formed when the vote passed; set once.</summary>
    public Guid? CommitteeId { get; set; }

    public static string ReferenceOf(Guid electionId) => ReferencePrefix + electionId;
}
