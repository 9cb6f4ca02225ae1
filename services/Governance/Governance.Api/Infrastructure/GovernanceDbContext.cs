using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Infrastructure;

public sealed class GovernanceDbContext(DbContextOptions<GovernanceDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Township> Townships => Set<Township>();

    public DbSet<PropertyCompany> PropertyCompanies => Set<PropertyCompany>();

    public DbSet<Community> Communities => Set<Community>();

    public DbSet<Building> Buildings => Set<Building>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<Owner> Owners => Set<Owner>();

    public DbSet<Ownership> Ownerships => Set<Ownership>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GovernanceDbContext).Assembly);
    }
}
