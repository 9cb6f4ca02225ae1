using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;

namespace Platform.BuildingBlocks.Registry;

// The local copy of the governance registry that every other service keeps, built from governance's
// events (design.md rule 2). Only ids, areas and assignments: no owner's name, phone or ID number.

public sealed class RegistryCommunity
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public Guid TownshipId { get; set; }

    public Guid? PropertyCompanyId { get; set; }

    /// <summary>When the current property company was assigned; an older assignment arriving late is ignored.</summary>
    public DateTimeOffset? PropertyCompanyAssignedAt { get; set; }

    public int StarLevel { get; set; }

    public bool IsOldCommunity { get; set; }

    /// <summary>When the star level held was set (registration or rating); an older one arriving late is ignored.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class RegistryUnit
{
    public Guid Id { get; set; }

    public Guid CommunityId { get; set; }

    public Guid BuildingId { get; set; }

    public string BuildingNumber { get; set; } = "";

    public string UnitNumber { get; set; } = "";

    public decimal ExclusiveArea { get; set; }

    public UnitUse Use { get; set; }

    public AreaSource AreaSource { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class RegistryUnitOwner
{
    public Guid UnitId { get; set; }

    public Guid CommunityId { get; set; }

    public Guid OwnerId { get; set; }

    public bool IsDeveloper { get; set; }

    public DateOnly Since { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public static class RegistryReadModelTables
{
    /// <summary>The registry read model's tables; <see cref="Data.ServiceDbContext"/> adds the access filters.</summary>
    public static ModelBuilder ApplyRegistryReadModelTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RegistryCommunity>(community =>
        {
            community.ToTable("registry_communities");
            community.Property(c => c.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<RegistryUnit>(unit =>
        {
            unit.ToTable("registry_units");
            unit.Property(u => u.BuildingNumber).HasMaxLength(50);
            unit.Property(u => u.UnitNumber).HasMaxLength(50);
            unit.Property(u => u.ExclusiveArea).HasPrecision(12, 2);
            unit.Property(u => u.Use).HasConversion<string>().HasMaxLength(30);
            unit.Property(u => u.AreaSource).HasConversion<string>().HasMaxLength(30);
            unit.HasIndex(u => u.CommunityId);
        });
        modelBuilder.Entity<RegistryUnitOwner>(owner =>
        {
            owner.ToTable("registry_unit_owners");
            owner.HasKey(o => o.UnitId);
            owner.HasIndex(o => new { o.CommunityId, o.OwnerId });
        });
        return modelBuilder;
    }
}
