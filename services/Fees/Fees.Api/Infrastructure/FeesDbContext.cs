using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.Fees.Api.Billing;
using Platform.Fees.Api.Disclosures;
using Platform.Fees.Api.Payments;
using Platform.Fees.Api.PublicIncome;
using Platform.Fees.Api.Standards;

namespace Platform.Fees.Api.Infrastructure;

public sealed class FeesDbContext(DbContextOptions<FeesDbContext> options, CallerAccess access, HashChain chain)
    : ServiceDbContext(options, access, chain)
{
    public DbSet<PublishedPriceBand> PriceBands => Set<PublishedPriceBand>();

    public DbSet<FeeStandard> FeeStandards => Set<FeeStandard>();

    public DbSet<PriceQualityMismatch> PriceQualityMismatches => Set<PriceQualityMismatch>();

    public DbSet<BillRun> BillRuns => Set<BillRun>();

    public DbSet<Bill> Bills => Set<Bill>();

    public DbSet<BillAdjustment> BillAdjustments => Set<BillAdjustment>();

    public DbSet<UtilityCharge> UtilityCharges => Set<UtilityCharge>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<PaymentAllocation> PaymentAllocations => Set<PaymentAllocation>();

    public DbSet<PublicIncomeEntry> PublicIncomeEntries => Set<PublicIncomeEntry>();

    public DbSet<PublicIncomeSplit> PublicIncomeSplits => Set<PublicIncomeSplit>();

    public DbSet<OwnersResolution> OwnersResolutions => Set<OwnersResolution>();

    public DbSet<Disclosure> Disclosures => Set<Disclosure>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ApplyRegistryReadModel(modelBuilder);
        modelBuilder.ApplyCommitteeSeats();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FeesDbContext).Assembly);
        ApplyAccessFilters(modelBuilder);
    }

    /// <summary>
    /// Object-level access, in one place, on top of the registry copy's: a community's standards and runs
    /// to whoever sees the community; a bill to whoever sees its unit — for an owner, only the bills they owe on the units they own,
    /// and of the payments only what settled those bills.
    /// Price bands are county-wide and public.
    /// </summary>
    private void ApplyAccessFilters(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FeeStandard>().HasQueryFilter(s => Access.IsCountyWide || Set<RegistryCommunity>().Any(c => c.Id == s.CommunityId));
        modelBuilder.Entity<PriceQualityMismatch>().HasQueryFilter(m => Access.IsCountyWide || Set<RegistryCommunity>().Any(c => c.Id == m.CommunityId));
        modelBuilder.Entity<BillRun>().HasQueryFilter(r => Access.IsCountyWide || (!Access.IsOwner && Set<RegistryCommunity>().Any(c => c.Id == r.CommunityId)));
        modelBuilder.Entity<Bill>().HasQueryFilter(b =>
            Access.IsCountyWide
            || (!Access.IsOwner && Set<RegistryUnit>().Any(u => u.Id == b.UnitId))
            || (Access.OwnerId != null && b.PayerOwnerId == Access.OwnerId && Set<RegistryUnit>().Any(u => u.Id == b.UnitId)));
        modelBuilder.Entity<BillItem>().HasQueryFilter(i => Access.IsCountyWide || Bills.Any(b => b.Id == i.BillId));
        modelBuilder.Entity<BillAdjustment>().HasQueryFilter(a => Access.IsCountyWide || Bills.Any(b => b.Id == a.BillId));
        modelBuilder.Entity<UtilityCharge>().HasQueryFilter(c => Access.IsCountyWide || Set<RegistryCommunity>().Any(x => x.Id == c.CommunityId));
        modelBuilder.Entity<UtilityShare>().HasQueryFilter(s => Access.IsCountyWide || UtilityCharges.Any(c => c.Id == s.ChargeId));
        // Payments go with the unit's account: whoever sees the unit; an owner, those that settled their own bills (docs/fees.md),
        // so a new owner sees none of a previous owner's payments.
        modelBuilder.Entity<Payment>().HasQueryFilter(p =>
            Access.IsCountyWide
            || (!Access.IsOwner && Set<RegistryUnit>().Any(u => u.Id == p.UnitId))
            || (Access.IsOwner && PaymentAllocations.Any(a => a.PaymentId == p.Id)));
        modelBuilder.Entity<PublicIncomeEntry>().HasQueryFilter(e => Access.IsCountyWide || Set<RegistryCommunity>().Any(c => c.Id == e.CommunityId));
        modelBuilder.Entity<PublicIncomeSplit>().HasQueryFilter(s => Access.IsCountyWide || Set<RegistryCommunity>().Any(c => c.Id == s.CommunityId));
        modelBuilder.Entity<OwnersResolution>()
            .HasQueryFilter(r => Access.IsCountyWide || Set<RegistryCommunity>().Any(c => c.Id == r.CommunityId));
        // Published disclosures are public; the filter keeps the internal reads to the community's own parties.
        modelBuilder.Entity<Disclosure>().HasQueryFilter(d => Access.IsCountyWide || Set<RegistryCommunity>().Any(c => c.Id == d.CommunityId));
        modelBuilder.Entity<PaymentAllocation>().HasQueryFilter(a => Access.IsCountyWide || Bills.Any(b => b.Id == a.BillId));
    }
}
