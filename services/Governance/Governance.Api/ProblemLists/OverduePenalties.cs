using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Governance.Api.Credit;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Credit;
using Platform.Governance.Domain.Problems;

namespace Platform.Governance.Api.ProblemLists;

/// <summary>
/// Charges the responsible company once for each problem that went overdue. Safe to run again and on several
/// replicas at once: a problem that already charged one is skipped, and the problem's row version and the unique
/// index on the record's problem make a racing second charge fail instead of counting twice.
/// </summary>
public sealed class OverduePenalties(GovernanceDbContext db, BusinessCalendar calendar, ILogger<OverduePenalties> logger)
{
    /// <summary>Returns how many companies' records were charged in this run.</summary>
    public async Task<int> ChargeAsync(CancellationToken ct)
    {
        var now = calendar.Now;
        var today = calendar.Today;
        var rules = CreditRuleCatalog.Default.For(today);
        var due = await db.CampaignProblems.IgnoreQueryFilters().AsNoTracking()
            .Where(CampaignProblem.OverdueOn(today))
            .Where(p => p.PenaltyRecordId == null && p.ResponsibleCompanyId != null)
            .Select(p => p.Id).ToListAsync(ct);
        var charged = 0;
        foreach (var problemId in due)
        {
            db.ChangeTracker.Clear();
            var problem = await db.CampaignProblems.IgnoreQueryFilters().Include(p => p.Fixes).SingleAsync(p => p.Id == problemId, ct);
            if (!problem.IsOverdueOn(today) || problem.Penalise(rules, PenaltyCause.Overdue, OrganisationTypes.PlatformService, "system", now, today) is not { } record)
            {
                continue;
            }

            db.CompanyCreditRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(ct);
                charged++;
            }
            catch (Exception exception) when (exception is DbUpdateConcurrencyException
                                              || exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                logger.LogInformation("Problem {ProblemId} changed or was charged meanwhile; skipped", problemId);
            }
        }

        db.ChangeTracker.Clear();
        return charged;
    }
}

/// <summary>Runs <see cref="OverduePenalties"/> now and then (Problems:SweepInterval, default 15 minutes).</summary>
public sealed class OverdueProblemSweep(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<OverdueProblemSweep> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => configuration.GetValue("Problems:SweepInterval", TimeSpan.FromMinutes(15));

    // Nothing is half-written by a failed run: each problem is charged in its own transaction.
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var charged = await scope.ServiceProvider.GetRequiredService<OverduePenalties>().ChargeAsync(cancellationToken);
        if (charged > 0)
        {
            logger.LogInformation("Charged {Count} overdue problems to their companies' credit records", charged);
        }
    }
}
