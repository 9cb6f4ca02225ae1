using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.Parking.Api.Gates;
using Platform.Parking.Api.Lots;
using Platform.Parking.Domain.Spaces;
using Platform.Parking.Api.Vehicles;
using Platform.Parking.Api.Violations;

namespace Platform.Parking.Api.Infrastructure;

public sealed class ParkingDbContext(DbContextOptions<ParkingDbContext> options, CallerAccess access, HashChain chain)
    : ServiceDbContext(options, access, chain)
{
    public DbSet<ParkingLot> Lots => Set<ParkingLot>();

    public DbSet<CommunityPriceCaps> PriceCaps => Set<CommunityPriceCaps>();

    public DbSet<ParkingSpace> Spaces => Set<ParkingSpace>();

    public DbSet<SpaceAllocation> Allocations => Set<SpaceAllocation>();

    public DbSet<WaitingListEntry> WaitingList => Set<WaitingListEntry>();

    public DbSet<Vehicle> Vehicles => Set<Vehicle>();

    public DbSet<BlacklistedPlate> BlacklistedPlates => Set<BlacklistedPlate>();

    public DbSet<ParkingSession> Sessions => Set<ParkingSession>();

    public DbSet<GateEvent> GateEvents => Set<GateEvent>();

    public DbSet<Violation> Violations => Set<Violation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ApplyRegistryReadModel(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ParkingDbContext).Assembly);
        ApplyAccessFilters(modelBuilder);
    }

    /// <summary>
    /// Object-level access in one place: a lot to county departments, to whoever sees its community (township, property
    /// company) and to the parking operator running it; its sessions and gate events with it. Spaces (with their owners),
    /// allocations, the waiting list, vehicles, blacklisted plates and violations to county departments and whoever sees
    /// the community — not to operators, who get only gate decisions (and <see cref="Lots.LotOperatorFilter"/> refuses them
    /// every other endpoint).
    /// </summary>
    private void ApplyAccessFilters(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ParkingLot>().HasQueryFilter(l =>
            Access.IsCountyWide || Set<RegistryCommunity>().Any(c => c.Id == l.CommunityId)
            || (Access.ParkingOperatorId != null && l.OperatorId == Access.ParkingOperatorId));
        modelBuilder.Entity<ParkingSpace>().HasQueryFilter(s =>
            Access.IsCountyWide || Set<RegistryCommunity>().Any(c => c.Id == s.CommunityId));
        modelBuilder.Entity<ParkingSession>().HasQueryFilter(s => Access.IsCountyWide || Lots.Any(l => l.Id == s.LotId));
        modelBuilder.Entity<GateEvent>().HasQueryFilter(e => Access.IsCountyWide || Lots.Any(l => l.Id == e.LotId));
        modelBuilder.Entity<SpaceAllocation>().HasQueryFilter(a => Access.IsCountyWide || Set<RegistryCommunity>().Any(c => c.Id == a.CommunityId));
        modelBuilder.Entity<WaitingListEntry>().HasQueryFilter(w => Access.IsCountyWide || Set<RegistryCommunity>().Any(c => c.Id == w.CommunityId));
        modelBuilder.Entity<Vehicle>().HasQueryFilter(v => Access.IsCountyWide || Set<RegistryCommunity>().Any(c => c.Id == v.CommunityId));
        modelBuilder.Entity<BlacklistedPlate>().HasQueryFilter(b => Access.IsCountyWide || Set<RegistryCommunity>().Any(c => c.Id == b.CommunityId));
        modelBuilder.Entity<Violation>().HasQueryFilter(v => Access.IsCountyWide || Set<RegistryCommunity>().Any(c => c.Id == v.CommunityId));
    }
}
