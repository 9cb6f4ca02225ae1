using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.Funds.Api.Disclosures;
using Platform.Funds.Api.Journal;
using Platform.Funds.Api.Ledgers;
using Platform.Funds.Api.Misuse;
using Platform.Funds.Api.Reconciliation;
using Platform.Funds.Api.Repairs;
using Platform.Funds.Domain.Repairs;

namespace Platform.Funds.Api.Infrastructure;

public sealed class FundsDbContext(DbContextOptions<FundsDbContext> options, CallerAccess access, HashChain chain)
    : ServiceDbContext(options, access, chain)
{
    public DbSet<UnitLedger> UnitLedgers => Set<UnitLedger>();

    public DbSet<DepositRate> DepositRates => Set<DepositRate>();

    public DbSet<BuildingClassification> BuildingClassifications => Set<BuildingClassification>();

    public DbSet<TopUpDemand> TopUpDemands => Set<TopUpDemand>();

    public DbSet<JournalTransaction> JournalTransactions => Set<JournalTransaction>();

    public DbSet<JournalLine> JournalLines => Set<JournalLine>();

    public DbSet<RepairProject> RepairProjects => Set<RepairProject>();

    public DbSet<BlacklistedContractor> BlacklistedContractors => Set<BlacklistedContractor>();

    public DbSet<Disbursement> Disbursements => Set<Disbursement>();

    public DbSet<SecondSignatureThreshold> SecondSignatureThresholds => Set<SecondSignatureThreshold>();

    public DbSet<MisuseFlag> MisuseFlags => Set<MisuseFlag>();

    public DbSet<FundDisclosure> FundDisclosures => Set<FundDisclosure>();

    public DbSet<BankReconciliation> BankReconciliations => Set<BankReconciliation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ApplyRegistryReadModel(modelBuilder);
        modelBuilder.ApplyCommitteeSeats();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FundsDbContext).Assembly);
        ApplyAccessFilters(modelBuilder);
    }

    /// <summary>
    /// Object-level access in one place: a unit's ledger and demands only to county departments and the unit's owner
    /// (per-unit detail is not the company's or the township's); the journal and repair projects to whoever sees the
    /// community; misuse flags and disbursements (with who asked and who countersigned) to county departments only.
    /// Rates, building classes and the second-signature threshold are public facts.
    /// </summary>
    private void ApplyAccessFilters(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UnitLedger>().HasQueryFilter(l =>
            Access.IsCountyWide || (Access.OwnerId != null && Set<RegistryUnitOwner>().Any(o => o.UnitId == l.UnitId && o.OwnerId == Access.OwnerId)));
        modelBuilder.Entity<TopUpDemand>().HasQueryFilter(d => Access.IsCountyWide || UnitLedgers.Any(l => l.UnitId == d.UnitId));
        modelBuilder.Entity<JournalTransaction>().HasQueryFilter(t => Access.IsCountyWide || Set<RegistryCommunity>().Any(c => c.Id == t.CommunityId));
        modelBuilder.Entity<RepairProject>().HasQueryFilter(p => Access.IsCountyWide || Set<RegistryCommunity>().Any(c => c.Id == p.CommunityId));
        modelBuilder.Entity<MisuseFlag>().HasQueryFilter(f => Access.IsCountyWide);
        modelBuilder.Entity<Disbursement>().HasQueryFilter(d => Access.IsCountyWide);
        modelBuilder.Entity<JournalLine>().HasQueryFilter(l => Access.IsCountyWide || JournalTransactions.Any(t => t.Id == l.TransactionId));
    }
}
