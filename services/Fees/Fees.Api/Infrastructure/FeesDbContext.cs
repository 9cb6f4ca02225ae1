using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Registry;

namespace Platform.Fees.Api.Infrastructure;

public sealed class FeesDbContext(DbContextOptions<FeesDbContext> options) : ServiceDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyRegistryReadModel();
    }
}
