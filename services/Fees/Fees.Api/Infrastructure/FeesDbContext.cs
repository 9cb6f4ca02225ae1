using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;

namespace Platform.Fees.Api.Infrastructure;

public sealed class FeesDbContext(DbContextOptions<FeesDbContext> options, CallerAccess access) : ServiceDbContext(options, access)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ApplyRegistryReadModel(modelBuilder);
    }
}
