using Platform.Contracts.Events;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Registry;

/// <summary>
/// The one way a unit enters the registry (API or CSV import): the unit, its first ownership and
/// the two events, added to the caller's unit of work.
/// </summary>
public static class UnitRegistration
{
    public static Unit Register(
        GovernanceDbContext db, Guid communityId, Guid buildingId, string buildingNumber, string number,
        decimal exclusiveArea, UnitUse use, AreaSource areaSource, Owner owner, DateOnly ownedSince, DateTimeOffset now)
    {
        var unit = new Unit(Guid.CreateVersion7(now), communityId, buildingId, number, exclusiveArea, use, areaSource);
        db.Units.Add(unit);
        db.Ownerships.Add(new Ownership(Guid.CreateVersion7(now), unit.Id, communityId, owner.Id, ownedSince));
        db.AddIntegrationEvent(new UnitRegistered(unit.Id, communityId, buildingId, buildingNumber, number, exclusiveArea, use, areaSource, now), now);
        db.AddIntegrationEvent(new OwnershipTransferred(unit.Id, communityId, null, owner.Id, owner.Kind == OwnerKind.Developer, ownedSince, now), now);
        return unit;
    }
}
