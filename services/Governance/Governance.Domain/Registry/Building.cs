namespace Platform.Governance.Domain.Registry;

/// <summary>楼栋: a building of a community, identified by its number there (e.g. "3").</summary>
public sealed class Building
{
    private Building()
    {
    }

    public Building(Guid id, Guid communityId, string number)
    {
        Id = id;
        CommunityId = communityId;
        Number = number;
    }

    public Guid Id { get; private set; }

    public Guid CommunityId { get; private set; }

    public string Number { get; private set; } = "";
}
