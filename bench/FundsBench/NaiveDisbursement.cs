using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Data;
using Platform.Contracts.Events;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Api.Journal;
using Platform.Funds.Api.Ledgers;
using Platform.Funds.Domain.Journal;
using Platform.Funds.Domain.Ledgers;
using Platform.Funds.Domain.Repairs;
using Platform.Contracts.Kernel.Money;

namespace Platform.Bench.Funds;

/// <summary>The naive loop's figures: the transaction it posted and how long it took.</summary>
public sealed record NaiveRun(Guid ProjectId, Guid TransactionId, int Units, int UnitsCharged, long AmountFen, TimeSpan Elapsed)
{
    public int Entries => UnitsCharged + 1;

    public double EntriesPerSecond => Entries / Elapsed.TotalSeconds;
}

/// <summary>
/// The baseline: the same disbursement written one journal line at a time with EF Core, in the service's own DbContext
/// and one database transaction (the journal transaction must appear whole or not at all). As the endpoint: the
/// community's journal lock, the bank reference checked, the scope's areas read in one query and apportioned with
/// <see cref="Apportionment.ByArea"/>, the transaction chained to the last one and sealed over all its lines. Then per
/// unit: its ledger read by key, its balance checked and lowered, a top-up demanded if due, its debit line added, and one
/// <c>SaveChangesAsync</c>; the bank's credit line last; the project's disbursed amount and <c>DisbursementMade</c> with
/// the commit. No HTTP, no audit entry and no savepoints (turned off as the audited command does): all in its favour, so
/// the ratio is conservative.
/// </summary>
public static class NaiveDisbursement
{
    public static async Task<NaiveRun> RunAsync(IServiceProvider services, Guid communityId, Guid projectId, long amountFen)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FundsDbContext>();
        var journal = scope.ServiceProvider.GetRequiredService<FundJournal>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var threshold = scope.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Funds:TopUpThresholdPercent", DepositRule.DefaultTopUpThresholdPercent);
        var clock = Stopwatch.StartNew();

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Database.AutoSavepointsEnabled = false;
        await journal.LockAsync(communityId, CancellationToken.None);
        var reference = $"bank-out:NAIVE-{Guid.CreateVersion7():N}";
        if (await db.JournalTransactions.IgnoreQueryFilters().AnyAsync(t => t.SourceReference == reference))
        {
            throw new InvalidOperationException("The naive loop's bank reference is taken.");
        }

        var project = await db.RepairProjects.IgnoreQueryFilters().SingleAsync(p => p.Id == projectId);
        var ledgers = await db.UnitLedgers.IgnoreQueryFilters().AsNoTracking().Where(l => project.ScopeUnitIds.Contains(l.UnitId))
            .Select(l => new { l.UnitId, l.ExclusiveArea }).ToListAsync();
        var shares = Apportionment.ByArea(amountFen, ledgers.Select(l => (l.UnitId, (long)(l.ExclusiveArea * 100))).ToList()).Where(s => s.AmountFen > 0).ToList();
        var entries = SealedTransaction.Disbursement(shares, amountFen);

        var now = time.GetUtcNow();
        var previous = await db.JournalTransactions.IgnoreQueryFilters().Where(t => t.CommunityId == communityId).OrderByDescending(t => t.Position)
            .Select(t => new { t.Position, t.Hash }).FirstAsync();
        var header = SealedTransaction.Create(communityId, previous.Position + 1, previous.Hash, JournalKind.RepairDisbursement,
            $"Repair project {project.Id}: {project.Title}, paid to {project.ContractorName}", now, reference, "bench:naive", entries, project.Id);
        var id = header.Id;
        var lines = header.Lines.ToList();
        // Sealed over all its lines; written without them, which follow one by one.
        header.Lines.Clear();
        db.JournalTransactions.Add(header);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        foreach (var (share, line) in shares.Zip(lines))
        {
            var ledger = await db.UnitLedgers.IgnoreQueryFilters().SingleAsync(l => l.UnitId == share.UnitId);
            if (ledger.BalanceFen < share.AmountFen)
            {
                throw new InvalidOperationException($"The naive loop found ledger {ledger.UnitId} short of its share.");
            }

            ledger.BalanceFen -= share.AmountFen;
            if (ledger.InitialDepositFen is { } initial && DepositRule.TopUpDue(ledger.BalanceFen, initial, threshold)
                && !await db.TopUpDemands.IgnoreQueryFilters().AnyAsync(d => d.UnitId == ledger.UnitId && d.SettledAt == null))
            {
                var demand = new TopUpDemand
                {
                    Id = Guid.CreateVersion7(now),
                    UnitId = ledger.UnitId,
                    CommunityId = communityId,
                    BalanceFen = ledger.BalanceFen,
                    InitialDepositFen = initial,
                    DemandedFen = DepositRule.TopUpAmount(ledger.BalanceFen, initial),
                    DemandedAt = now,
                };
                db.TopUpDemands.Add(demand);
                db.AddIntegrationEvent(new TopUpDemanded(demand.Id, demand.UnitId, communityId, demand.BalanceFen, initial, demand.DemandedFen, now), now);
            }

            db.JournalLines.Add(line);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        db.JournalLines.Add(lines[^1]);
        project = await db.RepairProjects.IgnoreQueryFilters().SingleAsync(p => p.Id == projectId);
        // Booked at once, as the service books a payment at or below the second-signature threshold.
        var unlimited = new SecondSignatureThreshold(Guid.CreateVersion7(now), long.MaxValue, DateOnly.MinValue, "bench:naive", now);
        var disbursement = Disbursement.Request(Guid.CreateVersion7(now), project.Id, communityId, amountFen, reference, unlimited, "bench:naive", now);
        db.Disbursements.Add(disbursement);
        project.Paid(disbursement, id, shares.Count, now);
        db.AddIntegrationEvents(project.Events, now);
        project.ClearEvents();
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        clock.Stop();
        return new NaiveRun(projectId, id, ledgers.Count, shares.Count, amountFen, clock.Elapsed);
    }
}
