using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Registry;

namespace Platform.Funds.Api.Infrastructure;

public sealed class FundsDbContext(DbContextOptions<FundsDbContext> options) : ServiceDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyRegistryReadModel();
    }
}
