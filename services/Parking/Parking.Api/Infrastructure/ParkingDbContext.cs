using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;

namespace Platform.Parking.Api.Infrastructure;

public sealed class ParkingDbContext(DbContextOptions<ParkingDbContext> options, CallerAccess access) : ServiceDbContext(options, access)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ApplyRegistryReadModel(modelBuilder);
    }
}
