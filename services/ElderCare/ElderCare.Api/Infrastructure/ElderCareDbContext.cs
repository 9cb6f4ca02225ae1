using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;

namespace Platform.ElderCare.Api.Infrastructure;

public sealed class ElderCareDbContext(DbContextOptions<ElderCareDbContext> options, CallerAccess access) : ServiceDbContext(options, access)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ApplyRegistryReadModel(modelBuilder);
    }
}
