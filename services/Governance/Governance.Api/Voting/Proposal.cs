using Platform.Contracts.Events;
using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Api.Voting;

/// <summary>
/// A matter put to the owners of a community (业主大会表决事项). Its electorate and its rule set are fixed when it
/// is created (announced); later transfers change neither. Its window may only be extended, before it closes.
/// </summary>
public sealed class Proposal
{
    private Proposal()
    {
    }

    public Proposal(Guid id, Guid communityId, MatterType matter, string title, string text, ProposalScope scope, string ruleSetId,
        DateTimeOffset opensAt, DateTimeOffset closesAt, string openedBy)
    {
        Id = id;
        CommunityId = communityId;
        Matter = matter;
        Title = title;
        Text = text;
        ScopeKind = scope.Kind;
        ScopeIds = [.. scope.Ids];
        RuleSetId = ruleSetId;
        OpensAt = opensAt;
        ClosesAt = closesAt;
        OpenedBy = openedBy;
    }

    public Guid Id { get; private set; }

    public Guid CommunityId { get; private set; }

    public MatterType Matter { get; private set; }

    public string Title { get; private set; } = "";

    public string Text { get; private set; } = "";

    public VoteScopeKind ScopeKind { get; private set; }

    /// <summary>The buildings or units of the scope as requested (empty for the whole community).</summary>
    public Guid[] ScopeIds { get; private set; } = [];

    /// <summary>Documents by reference (the platform does not store files): name and where to fetch them.</summary>
    public List<ProposalAttachment> Attachments { get; private set; } = [];

    /// <summary>What the matter concerns in another service, for example "funds:repair-project:{id}".</summary>
    public string? Reference { get; set; }

    /// <summary>Terms put to the vote that other services act on, for example a public-income split.</summary>
    public Dictionary<string, string> Terms { get; private set; } = [];

    public string RuleSetId { get; private set; } = "";

    public DateTimeOffset OpensAt { get; private set; }

    public DateTimeOffset ClosesAt { get; private set; }

    /// <summary>Who put it to the vote (client id).</summary>
    public string OpenedBy { get; private set; } = "";

    /// <summary>Each time the close was moved later, with the reason the published result shows.</summary>
    public List<WindowExtension> Extensions { get; private set; } = [];

    /// <summary>Moves the close later, before it has come; never earlier, never past the rule set's maximum. Null when done.</summary>
    public WindowRefusal? Extend(WindowRules rules, DateTimeOffset closesAt, string reason, string extendedBy, DateTimeOffset now)
    {
        if (rules.RefuseExtension(now, OpensAt, ClosesAt, closesAt) is { } refusal)
        {
            return refusal;
        }

        Extensions.Add(new WindowExtension(ClosesAt, closesAt, reason, extendedBy, now));
        ClosesAt = closesAt;
        return null;
    }

    public bool IsOpenAt(DateTimeOffset now) => IsOpenAt(OpensAt, ClosesAt, now);

    /// <summary>The voting window includes its opening instant and excludes its closing one.</summary>
    public static bool IsOpenAt(DateTimeOffset opensAt, DateTimeOffset closesAt, DateTimeOffset now) => opensAt <= now && now < closesAt;
}

public sealed record ProposalScope(VoteScopeKind Kind, IReadOnlyList<Guid> Ids)
{
    public static readonly ProposalScope Community = new(VoteScopeKind.Community, []);
}

public sealed record ProposalAttachment(string Name, string Reference);

/// <summary>A window extended: from which close to which, why, by whom (client id) and when.</summary>
public sealed record WindowExtension(
    DateTimeOffset PreviousClosesAt, DateTimeOffset ClosesAt, string Reason, string ExtendedBy, DateTimeOffset ExtendedAt);

/// <summary>One voter of a proposal's frozen electorate: an owner (a developer too) with their units' area in scope.</summary>
public sealed class ElectorateMember
{
    public Guid ProposalId { get; set; }

    /// <summary>The owner's id, whatever its kind: each developer votes for its own unsold units in scope.</summary>
    public string VoterId { get; set; } = "";

    public Guid[] UnitIds { get; set; } = [];

    public long AreaHundredths { get; set; }
}
