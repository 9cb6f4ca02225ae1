using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Time;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Credit;

namespace Platform.Governance.Api.Credit;

/// <summary>Ratings computed from the records when asked, under the scheme in force that day: nothing to keep in step.</summary>
public static class CreditRatings
{
    /// <summary>Ratings of the given companies (all when null) on <paramref name="today"/>.</summary>
    public static async Task<Dictionary<Guid, CreditRating>> OfCompaniesAsync(
        GovernanceDbContext db, IReadOnlyCollection<Guid>? companyIds, DateOnly today, CancellationToken ct)
    {
        var rules = CreditRuleCatalog.Default.For(today);
        var since = today.AddYears(-rules.RecordValidityYears);
        var records = db.CompanyCreditRecords.IgnoreQueryFilters().AsNoTracking().Where(r => r.RecordedOn > since && r.RecordedOn <= today);
        var blacklist = db.BlacklistEntries.IgnoreQueryFilters().AsNoTracking().Where(e => e.ProjectManagerId == null && e.From <= today && today < e.Until);
        var companies = db.PropertyCompanies.IgnoreQueryFilters().AsNoTracking().Select(c => c.Id);
        if (companyIds is not null)
        {
            records = records.Where(r => companyIds.Contains(r.CompanyId));
            blacklist = blacklist.Where(e => companyIds.Contains(e.CompanyId));
            companies = companies.Where(id => companyIds.Contains(id));
        }

        var entries = (await records.Select(r => new { r.CompanyId, r.Kind, r.Points, r.RecordedOn }).ToListAsync(ct))
            .ToLookup(r => r.CompanyId, r => new CreditEntry(r.Kind, r.Points, r.RecordedOn));
        var blacklisted = (await blacklist.Select(e => e.CompanyId).Distinct().ToListAsync(ct)).ToHashSet();
        return (await companies.ToListAsync(ct)).ToDictionary(id => id, id => rules.Rate(entries[id], today, blacklisted.Contains(id)));
    }

    /// <summary>Ratings of a company's project managers: their own records and blacklist entries only.</summary>
    public static async Task<Dictionary<Guid, CreditRating>> OfProjectManagersAsync(GovernanceDbContext db, Guid companyId, DateOnly today, CancellationToken ct)
    {
        var rules = CreditRuleCatalog.Default.For(today);
        var entries = (await db.CompanyCreditRecords.AsNoTracking().Where(r => r.CompanyId == companyId && r.ProjectManagerId != null)
                .Select(r => new { ManagerId = r.ProjectManagerId!.Value, r.Kind, r.Points, r.RecordedOn }).ToListAsync(ct))
            .ToLookup(r => r.ManagerId, r => new CreditEntry(r.Kind, r.Points, r.RecordedOn));
        var blacklisted = (await db.BlacklistEntries.AsNoTracking()
            .Where(e => e.CompanyId == companyId && e.ProjectManagerId != null && e.From <= today && today < e.Until)
            .Select(e => e.ProjectManagerId!.Value).ToListAsync(ct)).ToHashSet();
        var managers = await db.ProjectManagers.AsNoTracking().Where(m => m.CompanyId == companyId).Select(m => m.Id).ToListAsync(ct);
        return managers.ToDictionary(id => id, id => rules.Rate(entries[id], today, blacklisted.Contains(id)));
    }

    /// <summary>The company's blacklist entry in force today (the one ending last), if any.</summary>
    public static Task<BlacklistEntry?> ActiveBlacklistEntryAsync(GovernanceDbContext db, Guid companyId, DateOnly today, CancellationToken ct) =>
        db.BlacklistEntries.AsNoTracking()
            .Where(e => e.CompanyId == companyId && e.ProjectManagerId == null && e.From <= today && today < e.Until)
            .OrderByDescending(e => e.Until)
            .FirstOrDefaultAsync(ct);

}
