using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.ElderCare.Api.Elders;
using Platform.ElderCare.Api.Orders;
using Platform.ElderCare.Api.Protection;
using Platform.ElderCare.Api.Providers;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Api.Infrastructure;

public sealed class ElderCareDbContext(DbContextOptions<ElderCareDbContext> options, CallerAccess access, HashChain chain)
    : ServiceDbContext(options, access, chain)
{
    public DbSet<ElderProfile> ElderProfiles => Set<ElderProfile>();

    public DbSet<CareProvider> CareProviders => Set<CareProvider>();

    public DbSet<CareOffering> CareOfferings => Set<CareOffering>();

    public DbSet<CareOrder> CareOrders => Set<CareOrder>();

    public DbSet<CareOrderFollowUp> CareOrderFollowUps => Set<CareOrderFollowUp>();

    public DbSet<SensitiveAccessEntry> SensitiveAccessLog => Set<SensitiveAccessEntry>();

    /// <summary>For an owner's request: the people they are guardian of, or are (loaded once per request by <see cref="CareWardsMiddleware"/>).</summary>
    public IReadOnlyList<Guid> WardElderIds { get; set; } = [];

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ApplyRegistryReadModel(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ElderCareDbContext).Assembly);
        ApplyAccessFilters(modelBuilder);
    }

    /// <summary>
    /// Object-level access in one place (design.md rule 5: only Civil Affairs and the assigned provider see health data).
    /// A person's profile: Civil Affairs; the township of their community (community workers order for them); a provider
    /// while it holds an active order for them; their guardian, and the person, by owner token (<see cref="WardElderIds"/>, so the filters never refer to each other in a cycle). Any other caller —
    /// another county department, a property company without a care order — finds nothing. Orders: the same, except
    /// that a provider keeps seeing the orders it holds after they end (its statements); an order's follow-ups go with it.
    /// Providers: county departments and the provider itself. The access log: Civil Affairs only.
    /// </summary>
    private void ApplyAccessFilters(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ElderProfile>().HasQueryFilter(e =>
            Access.IsSystem || Access.OrganisationType == OrganisationTypes.CivilAffairs
            || (Access.TownshipId != null && Set<RegistryCommunity>().Any(c => c.Id == e.CommunityId && c.TownshipId == Access.TownshipId))
            || (Access.OrganisationId != null && (Access.OrganisationType == OrganisationTypes.CareProvider || Access.OrganisationType == OrganisationTypes.PropertyCompany)
                && CareOrders.Any(o => o.ElderId == e.Id && CareOrderStatuses.Active.Contains(o.Status)
                                       && CareProviders.Any(p => p.Id == o.ProviderId && p.OrganisationId == Access.OrganisationId)))
            || WardElderIds.Contains(e.Id));
        modelBuilder.Entity<CareOrder>().HasQueryFilter(o =>
            Access.IsSystem || Access.OrganisationType == OrganisationTypes.CivilAffairs
            || (Access.TownshipId != null && Set<RegistryCommunity>().Any(c => c.Id == o.CommunityId && c.TownshipId == Access.TownshipId))
            || (Access.OrganisationId != null && (Access.OrganisationType == OrganisationTypes.CareProvider || Access.OrganisationType == OrganisationTypes.PropertyCompany)
                && CareProviders.Any(p => p.Id == o.ProviderId && p.OrganisationId == Access.OrganisationId))
            || WardElderIds.Contains(o.ElderId));
        modelBuilder.Entity<CareProvider>().HasQueryFilter(p =>
            Access.IsCountyWide || (Access.OrganisationId != null && p.OrganisationId == Access.OrganisationId
                                    && (Access.OrganisationType == OrganisationTypes.CareProvider || Access.OrganisationType == OrganisationTypes.PropertyCompany)));
        modelBuilder.Entity<CareOffering>().HasQueryFilter(o => CareProviders.Any(p => p.Id == o.ProviderId));
        modelBuilder.Entity<CareOrderFollowUp>().HasQueryFilter(f => CareOrders.Any(o => o.Id == f.OrderId));
        modelBuilder.Entity<SensitiveAccessEntry>().HasQueryFilter(e => Access.IsSystem || Access.OrganisationType == OrganisationTypes.CivilAffairs);
    }
}
