using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.Committees;
using Platform.Governance.Api.StarLevels;
using Platform.Governance.Api.Voting;
using Platform.Governance.Domain.Credit;
using Platform.Governance.Domain.Problems;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Infrastructure;

public sealed class GovernanceDbContext(DbContextOptions<GovernanceDbContext> options, CallerAccess access, HashChain chain)
    : ServiceDbContext(options, access, chain)
{
    private static readonly IReadOnlySet<string> Sealed = new HashSet<string> { "ballots" };

    /// <summary>A ballot is written unsealed and sealed once by the sealer (ADR-006); its trigger allows only that.</summary>
    public override IReadOnlySet<string> SealedOnceTables => Sealed;

    public DbSet<Township> Townships => Set<Township>();

    public DbSet<PropertyCompany> PropertyCompanies => Set<PropertyCompany>();

    public DbSet<Community> Communities => Set<Community>();

    public DbSet<Building> Buildings => Set<Building>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<Owner> Owners => Set<Owner>();

    public DbSet<Ownership> Ownerships => Set<Ownership>();

    public DbSet<Proposal> Proposals => Set<Proposal>();

    public DbSet<ElectorateMember> ElectorateMembers => Set<ElectorateMember>();

    public DbSet<Ballot> Ballots => Set<Ballot>();

    public DbSet<ProposalResult> ProposalResults => Set<ProposalResult>();

    public DbSet<StarRating> StarRatings => Set<StarRating>();

    public DbSet<Committee> Committees => Set<Committee>();

    public DbSet<CommitteeElection> CommitteeElections => Set<CommitteeElection>();
    public DbSet<CompanyCreditRecord> CompanyCreditRecords => Set<CompanyCreditRecord>();

    public DbSet<ProjectManager> ProjectManagers => Set<ProjectManager>();

    public DbSet<BlacklistEntry> BlacklistEntries => Set<BlacklistEntry>();

    public DbSet<OwnerCreditRecord> OwnerCreditRecords => Set<OwnerCreditRecord>();

    public DbSet<CampaignProblem> CampaignProblems => Set<CampaignProblem>();

    public DbSet<ProblemFix> ProblemFixes => Set<ProblemFix>();

    public override async Task<IReadOnlyList<(Guid UnitId, Guid CommunityId)>> OwnerHoldingsAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        var holdings = await Ownerships.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.OwnerId == ownerId && o.Until == null)
            .Select(o => new { o.UnitId, o.CommunityId })
            .ToListAsync(cancellationToken);
        return holdings.Select(h => (h.UnitId, h.CommunityId)).ToList();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GovernanceDbContext).Assembly);
        ApplyAccessFilters(modelBuilder);
    }

    /// <summary>
    /// Object-level access, in one place: departments see the whole registry; a township its
    /// communities; a property company the communities it serves now; an owner their communities and
    /// only their own units and ownerships. What a caller may not see does not exist for them (404).
    /// Property companies are a public register and are not filtered.
    /// </summary>
    private void ApplyAccessFilters(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Township>().HasQueryFilter(t => Access.IsCountyWide || (Access.TownshipId != null && t.Id == Access.TownshipId));
        modelBuilder.Entity<Community>().HasQueryFilter(c =>
            Access.IsCountyWide
            // Guarded: in a query null == null is true, and a community without a company must not open to every non-company caller.
            || (Access.TownshipId != null && c.TownshipId == Access.TownshipId)
            || (Access.PropertyCompanyId != null && c.PropertyCompanyId == Access.PropertyCompanyId)
            || Access.OwnedCommunityIds.Contains(c.Id));
        modelBuilder.Entity<Building>().HasQueryFilter(b => Access.IsCountyWide || Communities.Any(c => c.Id == b.CommunityId));
        modelBuilder.Entity<Unit>().HasQueryFilter(u =>
            Access.IsCountyWide
            || (!Access.IsOwner && Communities.Any(c => c.Id == u.CommunityId))
            || Access.OwnedUnitIds.Contains(u.Id));
        modelBuilder.Entity<Ownership>().HasQueryFilter(o =>
            Access.IsCountyWide
            || (!Access.IsOwner && Communities.Any(c => c.Id == o.CommunityId))
            || (Access.OwnerId != null && o.OwnerId == Access.OwnerId));
        // Townships keep the registers, so they see owners; a company sees the owners in its communities.
        modelBuilder.Entity<Owner>().HasQueryFilter(o =>
            Access.IsCountyWide
            || Access.TownshipId != null
            || (Access.OwnerId != null && o.Id == Access.OwnerId)
            || (Access.PropertyCompanyId != null && Ownerships.Any(s => s.OwnerId == o.Id && s.Until == null)));
        modelBuilder.Entity<Proposal>().HasQueryFilter(p => Access.IsCountyWide || Communities.Any(c => c.Id == p.CommunityId));
        modelBuilder.Entity<ElectorateMember>().HasQueryFilter(m => Access.IsCountyWide || Proposals.Any(p => p.Id == m.ProposalId));
        modelBuilder.Entity<Committee>().HasQueryFilter(c => Access.IsCountyWide || Communities.Any(x => x.Id == c.CommunityId));
        modelBuilder.Entity<CommitteeMember>().HasQueryFilter(m => Access.IsCountyWide || Committees.Any(c => c.Id == m.CommitteeId));
        modelBuilder.Entity<CommitteeElection>().HasQueryFilter(e => Access.IsCountyWide || Communities.Any(c => c.Id == e.CommunityId));
        modelBuilder.Entity<StarRating>().HasQueryFilter(r => Access.IsCountyWide || Communities.Any(c => c.Id == r.CommunityId));
        modelBuilder.Entity<ProposalResult>().HasQueryFilter(r => Access.IsCountyWide || Proposals.Any(p => p.Id == r.ProposalId));
        // An owner sees only their own ballots; those who run the vote see all of it.
        modelBuilder.Entity<Ballot>().HasQueryFilter(b =>
            Access.IsCountyWide
            || (!Access.IsOwner && Proposals.Any(p => p.Id == b.ProposalId))
            || (Access.OwnerId != null && b.CastByOwnerId == Access.OwnerId));
        // Company credit, project managers and the blacklist belong to the public company register: not filtered.
        // An owner's credit file: the community's keepers and serving company, and the owner themself.
        modelBuilder.Entity<OwnerCreditRecord>().HasQueryFilter(r =>
            Access.IsCountyWide
            || (!Access.IsOwner && Communities.Any(c => c.Id == r.CommunityId))
            || (Access.OwnerId != null && r.OwnerId == Access.OwnerId));
        // Problem lists are the supervisors' and the serving company's work, not the owners'.
        modelBuilder.Entity<CampaignProblem>().HasQueryFilter(p => Access.IsCountyWide || (!Access.IsOwner && Communities.Any(c => c.Id == p.CommunityId)));
        modelBuilder.Entity<ProblemFix>().HasQueryFilter(f => Access.IsCountyWide || CampaignProblems.Any(p => p.Id == f.ProblemId));
    }
}
