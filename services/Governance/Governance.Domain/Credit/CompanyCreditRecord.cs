namespace Platform.Governance.Domain.Credit;

/// <summary>Where a record came from: a department's decision, or the problem list on its own.</summary>
public enum CreditSource
{
    Department,
    ProblemOverdue,
    FixRefused,
}

/// <summary>
/// 信用记录 of a property company (and, when it names one, of its project manager): a good or bad record
/// with its points, why, which department recorded it and on which day. Append-only: a correction is a new record.
/// </summary>
public sealed class CompanyCreditRecord
{
    private CompanyCreditRecord()
    {
    }

    public CompanyCreditRecord(Guid id, Guid companyId, CreditKind kind, int points, string reason, CreditSource source,
        string department, string recordedBy, DateOnly recordedOn, DateTimeOffset recordedAt)
    {
        Id = id;
        CompanyId = companyId;
        Kind = kind;
        Points = points;
        Reason = reason;
        Source = source;
        Department = department;
        RecordedBy = recordedBy;
        RecordedOn = recordedOn;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public Guid CompanyId { get; private set; }

    public Guid? ProjectManagerId { get; init; }

    public Guid? CommunityId { get; init; }

    /// <summary>The problem-list item that caused it; at most one record per problem.</summary>
    public Guid? ProblemId { get; init; }

    public CreditKind Kind { get; private set; }

    /// <summary>Always positive; <see cref="Kind"/> says whether it adds or subtracts.</summary>
    public int Points { get; private set; }

    public string Reason { get; private set; } = "";

    public CreditSource Source { get; private set; }

    /// <summary>The organisation type that recorded it (housing, market-regulation, township, platform-service).</summary>
    public string Department { get; private set; } = "";

    /// <summary>The client (or "system") that recorded it.</summary>
    public string RecordedBy { get; private set; } = "";

    public DateOnly RecordedOn { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public CreditEntry AsEntry() => new(Kind, Points, RecordedOn);
}
