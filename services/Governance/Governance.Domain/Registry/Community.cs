namespace Platform.Governance.Domain.Registry;

/// <summary>小区: a property area under a township, served by at most one property company at a time.</summary>
public sealed class Community
{
    public const int MinStarLevel = 1;
    public const int MaxStarLevel = 5;

    private Community()
    {
    }

    public Community(Guid id, Guid townshipId, string name, string address, int starLevel, bool isOldCommunity)
    {
        Id = id;
        TownshipId = townshipId;
        Name = name;
        Address = address;
        StarLevel = starLevel;
        IsOldCommunity = isOldCommunity;
    }

    public Guid Id { get; private set; }

    public Guid TownshipId { get; private set; }

    public string Name { get; private set; } = "";

    public string Address { get; private set; } = "";

    public Guid? PropertyCompanyId { get; private set; }

    public DateOnly? PropertyCompanySince { get; private set; }

    /// <summary>Service star level (1–5) the housing bureau rated; fees are bounded by it (质价相符).</summary>
    public int StarLevel { get; private set; }

    /// <summary>老旧小区: may use public income to cover fee shortfalls (seed item 8).</summary>
    public bool IsOldCommunity { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    /// <summary>Sets the star level the housing bureau rated; returns the previous one.</summary>
    public int Rate(int starLevel)
    {
        if (starLevel is < MinStarLevel or > MaxStarLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(starLevel), starLevel, "A star level is 1 to 5.");
        }

        var previous = StarLevel;
        StarLevel = starLevel;
        return previous;
    }

    /// <summary>Assigns the serving company; returns the previous one, or false when nothing changes.</summary>
    public bool AssignPropertyCompany(Guid propertyCompanyId, DateOnly since, out Guid? previous)
    {
        previous = PropertyCompanyId;
        if (PropertyCompanyId == propertyCompanyId)
        {
            return false;
        }

        PropertyCompanyId = propertyCompanyId;
        PropertyCompanySince = since;
        return true;
    }
}
