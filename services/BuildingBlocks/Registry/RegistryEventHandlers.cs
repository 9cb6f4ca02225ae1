using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts.Events;

namespace Platform.BuildingBlocks.Registry;

// Upserts, tolerant of order: events from one transaction leave in order, but retries can reorder
// deliveries, so each handler applies only what is newer than what it holds.

public sealed class CommunityRegisteredHandler<TContext>(TContext db) : IIntegrationEventHandler<CommunityRegistered>
    where TContext : ServiceDbContext
{
    public async Task Handle(CommunityRegistered e, CancellationToken cancellationToken)
    {
        var community = await db.Set<RegistryCommunity>().FindAsync([e.CommunityId], cancellationToken);
        if (community is null)
        {
            community = new RegistryCommunity { Id = e.CommunityId, UpdatedAt = DateTimeOffset.MinValue };
            db.Add(community);
        }

        community.Name = e.Name;
        community.TownshipId = e.TownshipId;
        community.IsOldCommunity = e.IsOldCommunity;
        if (community.UpdatedAt <= e.OccurredAt)
        {
            // A star rating that arrived first is newer than the level the community was registered with.
            community.StarLevel = e.StarLevel;
            community.UpdatedAt = e.OccurredAt;
        }

        if (community.PropertyCompanyAssignedAt is null || community.PropertyCompanyAssignedAt <= e.OccurredAt)
        {
            community.PropertyCompanyId = e.PropertyCompanyId;
            community.PropertyCompanyAssignedAt = e.OccurredAt;
        }
    }
}

public sealed class CommunityStarLevelRatedHandler<TContext>(TContext db) : IIntegrationEventHandler<CommunityStarLevelRated>
    where TContext : ServiceDbContext
{
    public async Task Handle(CommunityStarLevelRated e, CancellationToken cancellationToken)
    {
        var community = await db.Set<RegistryCommunity>().FindAsync([e.CommunityId], cancellationToken);
        if (community is null)
        {
            community = new RegistryCommunity { Id = e.CommunityId, UpdatedAt = DateTimeOffset.MinValue };
            db.Add(community);
        }

        if (community.UpdatedAt <= e.OccurredAt)
        {
            community.StarLevel = e.StarLevel;
            community.UpdatedAt = e.OccurredAt;
        }
    }
}

public sealed class PropertyCompanyAssignedHandler<TContext>(TContext db) : IIntegrationEventHandler<PropertyCompanyAssigned>
    where TContext : ServiceDbContext
{
    public async Task Handle(PropertyCompanyAssigned e, CancellationToken cancellationToken)
    {
        var community = await db.Set<RegistryCommunity>().FindAsync([e.CommunityId], cancellationToken);
        if (community is null)
        {
            // The assignment overtook the registration; CommunityRegistered fills in the rest.
            community = new RegistryCommunity { Id = e.CommunityId, UpdatedAt = DateTimeOffset.MinValue };
            db.Add(community);
        }

        if (community.PropertyCompanyAssignedAt is null || community.PropertyCompanyAssignedAt <= e.OccurredAt)
        {
            community.PropertyCompanyId = e.PropertyCompanyId;
            community.PropertyCompanyAssignedAt = e.OccurredAt;
        }
    }
}

/// <summary>What a service does, in the same transaction, when the registry copy takes a unit in (Funds opens its ledger).</summary>
public interface IUnitRegisteredFollowUp
{
    Task AfterAsync(RegistryUnit unit, CancellationToken cancellationToken);
}

public sealed class UnitRegisteredHandler<TContext>(TContext db, IEnumerable<IUnitRegisteredFollowUp> followUps) : IIntegrationEventHandler<UnitRegistered>
    where TContext : ServiceDbContext
{
    public async Task Handle(UnitRegistered e, CancellationToken cancellationToken)
    {
        var unit = await db.Set<RegistryUnit>().FindAsync([e.UnitId], cancellationToken);
        if (unit is null)
        {
            unit = new RegistryUnit { Id = e.UnitId };
            db.Add(unit);
        }
        else if (unit.UpdatedAt > e.OccurredAt)
        {
            return;
        }

        unit.CommunityId = e.CommunityId;
        unit.BuildingId = e.BuildingId;
        unit.BuildingNumber = e.BuildingNumber;
        unit.UnitNumber = e.UnitNumber;
        unit.ExclusiveArea = e.ExclusiveArea;
        unit.Use = e.Use;
        unit.AreaSource = e.AreaSource;
        unit.UpdatedAt = e.OccurredAt;
        foreach (var followUp in followUps)
        {
            await followUp.AfterAsync(unit, cancellationToken);
        }
    }
}

public sealed class OwnershipTransferredHandler<TContext>(TContext db) : IIntegrationEventHandler<OwnershipTransferred>
    where TContext : ServiceDbContext
{
    public async Task Handle(OwnershipTransferred e, CancellationToken cancellationToken)
    {
        var owner = await db.Set<RegistryUnitOwner>().FirstOrDefaultAsync(o => o.UnitId == e.UnitId, cancellationToken);
        if (owner is null)
        {
            owner = new RegistryUnitOwner { UnitId = e.UnitId };
            db.Add(owner);
        }
        else if (owner.UpdatedAt > e.OccurredAt)
        {
            return;
        }

        owner.CommunityId = e.CommunityId;
        owner.OwnerId = e.NewOwnerId;
        owner.IsDeveloper = e.IsDeveloper;
        owner.Since = e.Since;
        owner.UpdatedAt = e.OccurredAt;
    }
}

public static class RegistryMessaging
{
    /// <summary>Subscribes a service to the registry events that build its read model.</summary>
    public static MessagingBuilder HandleRegistryEvents<TContext>(this MessagingBuilder messaging)
        where TContext : ServiceDbContext =>
        messaging
            .Handle<CommunityRegistered, CommunityRegisteredHandler<TContext>>()
            .Handle<CommunityStarLevelRated, CommunityStarLevelRatedHandler<TContext>>()
            .Handle<PropertyCompanyAssigned, PropertyCompanyAssignedHandler<TContext>>()
            .Handle<UnitRegistered, UnitRegisteredHandler<TContext>>()
            .Handle<OwnershipTransferred, OwnershipTransferredHandler<TContext>>();
}
