namespace Platform.Governance.Domain.Credit;

/// <summary>What an entry in an owner's credit file is about.</summary>
public enum OwnerCreditCategory
{
    /// <summary>欠费已结清: arrears paid off.</summary>
    FeeArrearsResolved,
    /// <summary>恶意欠费: fees left unpaid after reminders.</summary>
    FeeArrears,
    /// <summary>违规: e.g. illegal construction, blocking fire lanes, breaching the management covenant.</summary>
    Violation,
    /// <summary>表彰: commended by the community.</summary>
    Commendation,
    /// <summary>志愿服务 or service on the owners' committee.</summary>
    CommunityService,
    Other,
}

/// <summary>业主信用档案 entry, kept by the community (township) about one of its owners.</summary>
public sealed class OwnerCreditRecord
{
    private OwnerCreditRecord()
    {
    }

    public OwnerCreditRecord(Guid id, Guid communityId, Guid ownerId, CreditKind kind, OwnerCreditCategory category, string note,
        DateOnly recordedOn, string organisation, string recordedBy, DateTimeOffset recordedAt)
    {
        Id = id;
        CommunityId = communityId;
        OwnerId = ownerId;
        Kind = kind;
        Category = category;
        Note = note;
        RecordedOn = recordedOn;
        Organisation = organisation;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public Guid CommunityId { get; private set; }

    public Guid OwnerId { get; private set; }

    public CreditKind Kind { get; private set; }

    public OwnerCreditCategory Category { get; private set; }

    public string Note { get; private set; } = "";

    public DateOnly RecordedOn { get; private set; }

    /// <summary>The organisation type that wrote it (a township or a county department).</summary>
    public string Organisation { get; private set; } = "";

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }
}
