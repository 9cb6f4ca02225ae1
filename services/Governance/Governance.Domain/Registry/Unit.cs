using Platform.Contracts.Events;

namespace Platform.Governance.Domain.Registry;

/// <summary>专有部分: an exclusive unit (flat, shop, parking space) with its registered area.</summary>
public sealed class Unit
{
    private Unit()
    {
    }

    public Unit(Guid id, Guid communityId, Guid buildingId, string number, decimal exclusiveArea, UnitUse use, AreaSource areaSource)
    {
        Id = id;
        CommunityId = communityId;
        BuildingId = buildingId;
        Number = number;
        ExclusiveArea = exclusiveArea;
        Use = use;
        AreaSource = areaSource;
    }

    public Guid Id { get; private set; }

    public Guid CommunityId { get; private set; }

    public Guid BuildingId { get; private set; }

    /// <summary>Unit number within its building, e.g. "2-1503".</summary>
    public string Number { get; private set; } = "";

    /// <summary>Exclusive area in m², two decimals.</summary>
    public decimal ExclusiveArea { get; private set; }

    public UnitUse Use { get; private set; }

    public AreaSource AreaSource { get; private set; }

    public uint Version { get; private set; }

    public bool SameAs(decimal exclusiveArea, UnitUse use, AreaSource areaSource) =>
        ExclusiveArea == exclusiveArea && Use == use && AreaSource == areaSource;
}
