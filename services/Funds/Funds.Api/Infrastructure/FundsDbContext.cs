using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;

namespace Platform.Funds.Api.Infrastructure;

public sealed class FundsDbContext(DbContextOptions<FundsDbContext> options, CallerAccess access) : ServiceDbContext(options, access)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ApplyRegistryReadModel(modelBuilder);
    }
}
