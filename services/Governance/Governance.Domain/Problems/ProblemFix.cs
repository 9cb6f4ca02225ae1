namespace Platform.Governance.Domain.Problems;

/// <summary>整改情况: what was done about a problem, when, and who reported it.</summary>
public sealed class ProblemFix
{
    private ProblemFix()
    {
    }

    public ProblemFix(Guid id, Guid problemId, string description, DateOnly doneOn, string organisation, string reportedBy, DateTimeOffset reportedAt,
        DateOnly reportedOn)
    {
        Id = id;
        ProblemId = problemId;
        Description = description;
        DoneOn = doneOn;
        Organisation = organisation;
        ReportedBy = reportedBy;
        ReportedAt = reportedAt;
        ReportedOn = reportedOn;
    }

    public Guid Id { get; private set; }

    public Guid ProblemId { get; private set; }

    public string Description { get; private set; } = "";

    /// <summary>The day the work was done, as reported.</summary>
    public DateOnly DoneOn { get; private set; }

    public string Organisation { get; private set; } = "";

    public string ReportedBy { get; private set; } = "";

    /// <summary>When the platform received the report; this, not <see cref="DoneOn"/>, decides whether it came in time.</summary>
    public DateTimeOffset ReportedAt { get; private set; }

    /// <summary>The county's day it was received, compared with the problem's deadline.</summary>
    public DateOnly ReportedOn { get; private set; }

    public FixOutcome Outcome { get; internal set; } = FixOutcome.Pending;

    public string? ReviewNote { get; internal set; }
}
