using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Registry;

namespace Platform.Parking.Api.Infrastructure;

public sealed class ParkingDbContext(DbContextOptions<ParkingDbContext> options) : ServiceDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyRegistryReadModel();
    }
}
