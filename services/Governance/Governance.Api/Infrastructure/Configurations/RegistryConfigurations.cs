using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Infrastructure.Configurations;

internal sealed class TownshipConfiguration : IEntityTypeConfiguration<Township>
{
    public void Configure(EntityTypeBuilder<Township> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Code).HasMaxLength(12);
        builder.HasIndex(t => t.Code).IsUnique();
    }
}

internal sealed class PropertyCompanyConfiguration : IEntityTypeConfiguration<PropertyCompany>
{
    public void Configure(EntityTypeBuilder<PropertyCompany> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.UnifiedSocialCreditCode).HasMaxLength(18);
        builder.HasIndex(c => c.UnifiedSocialCreditCode).IsUnique();
    }
}

internal sealed class CommunityConfiguration : IEntityTypeConfiguration<Community>
{
    public void Configure(EntityTypeBuilder<Community> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Address).HasMaxLength(300);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasIndex(c => new { c.TownshipId, c.Name }).IsUnique();
        builder.HasOne<Township>().WithMany().HasForeignKey(c => c.TownshipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PropertyCompany>().WithMany().HasForeignKey(c => c.PropertyCompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> builder)
    {
        builder.Property(b => b.Number).HasMaxLength(50);
        builder.HasIndex(b => new { b.CommunityId, b.Number }).IsUnique();
        builder.HasOne<Community>().WithMany().HasForeignKey(b => b.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.Property(u => u.Number).HasMaxLength(50);
        builder.Property(u => u.ExclusiveArea).HasPrecision(12, 2);
        builder.Property(u => u.Use).HasConversion<string>().HasMaxLength(30);
        builder.Property(u => u.AreaSource).HasConversion<string>().HasMaxLength(30);
        builder.Property(u => u.Version).IsRowVersion();
        builder.HasIndex(u => new { u.BuildingId, u.Number }).IsUnique();
        builder.HasIndex(u => u.CommunityId);
        builder.HasOne<Building>().WithMany().HasForeignKey(u => u.BuildingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Community>().WithMany().HasForeignKey(u => u.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OwnerConfiguration : IEntityTypeConfiguration<Owner>
{
    public void Configure(EntityTypeBuilder<Owner> builder)
    {
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.IdentityHash).HasMaxLength(64);
        builder.Property(o => o.MaskedIdentity).HasMaxLength(18);
        builder.Property(o => o.Phone).HasMaxLength(11);
        builder.HasIndex(o => o.IdentityHash).IsUnique();
        builder.HasIndex(o => o.Phone);
    }
}

internal sealed class OwnershipConfiguration : IEntityTypeConfiguration<Ownership>
{
    public void Configure(EntityTypeBuilder<Ownership> builder)
    {
        builder.Property(o => o.Version).IsRowVersion();
        builder.Ignore(o => o.IsCurrent);
        // At most one current ownership per unit.
        builder.HasIndex(o => o.UnitId).IsUnique().HasFilter("until IS NULL").HasDatabaseName("ix_ownerships_current_unit");
        builder.HasIndex(o => new { o.CommunityId, o.OwnerId });
        builder.HasOne<Unit>().WithMany().HasForeignKey(o => o.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Owner>().WithMany().HasForeignKey(o => o.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
