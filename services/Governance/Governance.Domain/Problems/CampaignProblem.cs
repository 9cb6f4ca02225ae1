using System.Linq.Expressions;
using Platform.Governance.Domain.Credit;

namespace Platform.Governance.Domain.Problems;

/// <summary>Why the problem list charged a company's credit record.</summary>
public enum PenaltyCause
{
    Overdue,
    Refused,
}

/// <summary>
/// 问题清单 item of a community: found during the campaign, owned by a responsible party with a deadline,
/// fixed, and closed one by one (销号) by the township or housing bureau — or marked refused. A problem
/// whose deadline passed without a fix in time, or that was refused, charges the responsible company once.
/// </summary>
public sealed class CampaignProblem
{
    private readonly List<ProblemFix> _fixes = [];

    private CampaignProblem()
    {
    }

    public CampaignProblem(Guid id, Guid communityId, ProblemCategory category, string description, ResponsibleParty responsibleParty,
        Guid? responsibleCompanyId, string responsiblePartyName, DateOnly foundOn, DateOnly deadline, string recordedBy, DateTimeOffset recordedAt)
    {
        Id = id;
        CommunityId = communityId;
        Category = category;
        Description = description;
        ResponsibleParty = responsibleParty;
        ResponsibleCompanyId = responsibleCompanyId;
        ResponsiblePartyName = responsiblePartyName;
        FoundOn = foundOn;
        Deadline = deadline;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public Guid CommunityId { get; private set; }

    public ProblemCategory Category { get; private set; }

    public string Description { get; private set; } = "";

    public ResponsibleParty ResponsibleParty { get; private set; }

    /// <summary>The company that served the community when the problem was listed, when it is the responsible party.</summary>
    public Guid? ResponsibleCompanyId { get; private set; }

    /// <summary>The company's name then, or the other party named on the list.</summary>
    public string ResponsiblePartyName { get; private set; } = "";

    public DateOnly FoundOn { get; private set; }

    /// <summary>The last day a fix may be reported in time.</summary>
    public DateOnly Deadline { get; private set; }

    public ProblemStatus Status { get; private set; } = ProblemStatus.Open;

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public string? FinishedBy { get; private set; }

    public string? FinishingNote { get; private set; }

    /// <summary>The bad credit record this problem caused; set once, so the company is charged once.</summary>
    public Guid? PenaltyRecordId { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin): a review and the overdue sweep may race.</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<ProblemFix> Fixes => _fixes;

    public bool IsFinished => Status is ProblemStatus.Closed or ProblemStatus.Refused;

    /// <summary>
    /// Overdue on <paramref name="today"/>: not finished, the deadline has passed, and no fix reported by the deadline
    /// is pending or accepted. An expression, so the list and the sweep ask the database the same question.
    /// </summary>
    public static Expression<Func<CampaignProblem, bool>> OverdueOn(DateOnly today) =>
        problem => (problem.Status == ProblemStatus.Open || problem.Status == ProblemStatus.FixReported)
                   && problem.Deadline < today
                   && !problem.Fixes.Any(fix => fix.Outcome != FixOutcome.Rejected && fix.ReportedOn <= problem.Deadline);

    /// <summary>The same rule in memory, for one loaded problem with its fixes.</summary>
    public bool IsOverdueOn(DateOnly today) =>
        !IsFinished && Deadline < today && !_fixes.Any(fix => fix.Outcome != FixOutcome.Rejected && fix.ReportedOn <= Deadline);

    /// <summary>A fix may be reported while the problem is open (a rejected fix reopens it).</summary>
    public bool CanReportFix => Status == ProblemStatus.Open;

    public void ReportFix(ProblemFix fix)
    {
        if (!CanReportFix)
        {
            throw new InvalidOperationException($"Problem {Id} is {Status}; a fix can be reported only while it is open.");
        }

        _fixes.Add(fix);
        Status = ProblemStatus.FixReported;
    }

    public ProblemFix? PendingFix => _fixes.FirstOrDefault(fix => fix.Outcome == FixOutcome.Pending);

    /// <summary>销号: the pending fix is accepted and the problem is closed.</summary>
    public void Close(string closedBy, string? note, DateTimeOffset now)
    {
        var fix = PendingFix ?? throw new InvalidOperationException($"Problem {Id} has no fix to accept.");
        fix.Outcome = FixOutcome.Accepted;
        fix.ReviewNote = note;
        Finish(ProblemStatus.Closed, closedBy, note, now);
    }

    /// <summary>The pending fix is not enough: the problem is open again and the deadline still runs.</summary>
    public void RejectFix(string note)
    {
        var fix = PendingFix ?? throw new InvalidOperationException($"Problem {Id} has no fix to reject.");
        fix.Outcome = FixOutcome.Rejected;
        fix.ReviewNote = note;
        Status = ProblemStatus.Open;
    }

    /// <summary>拒不整改: the responsible party refuses to fix it; a pending fix, if any, is rejected with it.</summary>
    public void MarkRefused(string markedBy, string note, DateTimeOffset now)
    {
        if (IsFinished)
        {
            throw new InvalidOperationException($"Problem {Id} is already {Status}.");
        }

        if (PendingFix is { } pending)
        {
            pending.Outcome = FixOutcome.Rejected;
            pending.ReviewNote = note;
        }

        Finish(ProblemStatus.Refused, markedBy, note, now);
    }

    /// <summary>
    /// The bad record this problem charges its responsible company, or null when it has already charged one
    /// or no company is responsible. Points come from the credit rules; the reason is the problem as listed.
    /// </summary>
    public CompanyCreditRecord? Penalise(CreditRules rules, PenaltyCause cause, string department, string recordedBy, DateTimeOffset now, DateOnly today)
    {
        if (PenaltyRecordId is not null || ResponsibleCompanyId is not { } company)
        {
            return null;
        }

        var (points, source) = cause == PenaltyCause.Overdue
            ? (rules.ProblemOverduePoints, CreditSource.ProblemOverdue)
            : (rules.FixRefusedPoints, CreditSource.FixRefused);
        var record = new CompanyCreditRecord(Guid.CreateVersion7(now), company, CreditKind.Bad, points, Description, source, department, recordedBy,
            today, now)
        {
            CommunityId = CommunityId,
            ProblemId = Id,
        };
        PenaltyRecordId = record.Id;
        return record;
    }

    private void Finish(ProblemStatus status, string by, string? note, DateTimeOffset now)
    {
        Status = status;
        FinishedBy = by;
        FinishingNote = note;
        FinishedAt = now;
    }
}
