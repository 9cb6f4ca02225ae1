using Platform.Contracts.Events;

namespace Platform.Governance.Domain.Credit;

/// <summary>
/// 黑名单 entry: a company (or one of its project managers, when it names one) is blacklisted on the
/// days in [From, Until). A blacklisted company may not be assigned to a community.
/// </summary>
public sealed class BlacklistEntry
{
    private BlacklistEntry()
    {
    }

    public BlacklistEntry(Guid id, Guid companyId, Guid? projectManagerId, BlacklistReason reason, string detail, DateOnly from, DateOnly until,
        string department, string recordedBy, DateTimeOffset recordedAt)
    {
        Id = id;
        CompanyId = companyId;
        ProjectManagerId = projectManagerId;
        Reason = reason;
        Detail = detail;
        From = from;
        Until = until;
        Department = department;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public Guid CompanyId { get; private set; }

    /// <summary>Set when the entry is about a project manager rather than the company itself.</summary>
    public Guid? ProjectManagerId { get; private set; }

    public BlacklistReason Reason { get; private set; }

    public string Detail { get; private set; } = "";

    public DateOnly From { get; private set; }

    /// <summary>The first day the entry no longer applies.</summary>
    public DateOnly Until { get; private set; }

    public string Department { get; private set; } = "";

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public bool IsActiveOn(DateOnly day) => From <= day && day < Until;
}
