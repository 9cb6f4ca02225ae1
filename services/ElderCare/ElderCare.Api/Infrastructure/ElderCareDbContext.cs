using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Registry;

namespace Platform.ElderCare.Api.Infrastructure;

public sealed class ElderCareDbContext(DbContextOptions<ElderCareDbContext> options) : ServiceDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyRegistryReadModel();
    }
}
