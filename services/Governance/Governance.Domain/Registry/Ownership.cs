namespace Platform.Governance.Domain.Registry;

/// <summary>Who owns a unit from when until when; a transfer ends one ownership and starts the next.</summary>
public sealed class Ownership
{
    private Ownership()
    {
    }

    public Ownership(Guid id, Guid unitId, Guid communityId, Guid ownerId, DateOnly since)
    {
        Id = id;
        UnitId = unitId;
        CommunityId = communityId;
        OwnerId = ownerId;
        Since = since;
    }

    public Guid Id { get; private set; }

    public Guid UnitId { get; private set; }

    public Guid CommunityId { get; private set; }

    public Guid OwnerId { get; private set; }

    public DateOnly Since { get; private set; }

    public DateOnly? Until { get; private set; }

    public bool IsCurrent => Until is null;

    public uint Version { get; private set; }

    /// <summary>Ends this ownership at a transfer date that is not before its start.</summary>
    public bool TryEnd(DateOnly transferDate)
    {
        if (Until is not null || transferDate < Since)
        {
            return false;
        }

        Until = transferDate;
        return true;
    }
}
