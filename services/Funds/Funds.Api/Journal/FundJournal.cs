using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.Contracts.Events;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Api.Ledgers;
using Platform.Funds.Domain.Journal;
using Platform.Funds.Domain.Ledgers;

namespace Platform.Funds.Api.Journal;

/// <summary>
/// The one way money enters the fund journal: under the community's lock, a balanced transaction chained to the
/// community's last one, the unit ledgers it touches updated with it, and a top-up demanded for any ledger it leaves
/// below the threshold.
/// </summary>
public sealed class FundJournal(FundsDbContext db, IConfiguration configuration)
{
    /// <summary>One writer per community journal, to the end of the transaction.</summary>
    public Task LockAsync(Guid communityId, CancellationToken ct) => db.Database.AcquireAsync($"fund-journal:{communityId}", ct);

    /// <summary>The transaction, or null when its source reference was booked already (a repeated fact books nothing).</summary>
    public async Task<JournalTransaction?> PostAsync(
        Guid communityId, JournalKind kind, string description, DateOnly occurredOn, string? sourceReference,
        IReadOnlyList<JournalEntryLine> lines, string recordedBy, DateTimeOffset now, CancellationToken ct, Guid? projectId = null)
    {
        if (!DoubleEntry.Balances(lines))
        {
            throw new InvalidOperationException($"A {kind} transaction must balance: debits {lines.Sum(l => l.DebitFen)}, credits {lines.Sum(l => l.CreditFen)}.");
        }

        await LockAsync(communityId, ct);
        if (sourceReference is not null && await db.JournalTransactions.IgnoreQueryFilters().AnyAsync(t => t.SourceReference == sourceReference, ct))
        {
            return null;
        }

        var previous = await db.JournalTransactions.IgnoreQueryFilters().Where(t => t.CommunityId == communityId).OrderByDescending(t => t.Position)
            .Select(t => new { t.Position, t.Hash }).FirstOrDefaultAsync(ct);
        var id = Guid.CreateVersion7(now);
        var transaction = new JournalTransaction
        {
            Id = id, CommunityId = communityId, Kind = kind, Description = description, OccurredOn = occurredOn, SourceReference = sourceReference, ProjectId = projectId,
            RecordedBy = recordedBy, RecordedAt = now, Position = (previous?.Position ?? 0) + 1, PreviousHash = previous?.Hash ?? HashChain.Genesis,
            Lines = lines.Select((l, i) => new JournalLine { TransactionId = id, LineNo = i + 1, Account = l.Account, DebitFen = l.DebitFen, CreditFen = l.CreditFen })
                .ToHashSet(),
        }.Seal(db.Chain);
        db.JournalTransactions.Add(transaction);
        await ApplyToUnitLedgers(communityId, lines, now, ct);
        return transaction;
    }

    private async Task ApplyToUnitLedgers(Guid communityId, IReadOnlyList<JournalEntryLine> lines, DateTimeOffset now, CancellationToken ct)
    {
        var changes = lines.Where(l => FundAccounts.KindOf(l.Account) == FundAccountKind.UnitLedger)
            .GroupBy(l => Guid.Parse(l.Account.AsSpan("unit:".Length)))
            .ToDictionary(g => g.Key, g => g.Sum(l => l.CreditFen - l.DebitFen));
        if (changes.Count == 0)
        {
            return;
        }

        var ids = changes.Keys.ToList();
        var ledgers = await db.UnitLedgers.IgnoreQueryFilters().Where(l => ids.Contains(l.UnitId)).ToListAsync(ct);
        if (ledgers.Count != ids.Count || ledgers.Any(l => l.CommunityId != communityId))
        {
            throw new InvalidOperationException("A fund transaction may touch only ledgers of its own community.");
        }

        var threshold = configuration.GetValue("Funds:TopUpThresholdPercent", DepositRule.DefaultTopUpThresholdPercent);
        foreach (var ledger in ledgers)
        {
            ledger.BalanceFen += changes[ledger.UnitId];
            if (ledger.BalanceFen < 0)
            {
                throw new InvalidOperationException($"Ledger of unit {ledger.UnitId} would go negative; the command must refuse before posting.");
            }

            if (changes[ledger.UnitId] < 0 && ledger.InitialDepositFen is { } initial && DepositRule.TopUpDue(ledger.BalanceFen, initial, threshold)
                && !await db.TopUpDemands.IgnoreQueryFilters().AnyAsync(d => d.UnitId == ledger.UnitId && d.SettledAt == null, ct))
            {
                var demand = new TopUpDemand
                {
                    Id = Guid.CreateVersion7(now), UnitId = ledger.UnitId, CommunityId = communityId, BalanceFen = ledger.BalanceFen, InitialDepositFen = initial,
                    DemandedFen = DepositRule.TopUpAmount(ledger.BalanceFen, initial), DemandedAt = now,
                };
                db.TopUpDemands.Add(demand);
                db.AddIntegrationEvent(new TopUpDemanded(demand.Id, demand.UnitId, communityId, demand.BalanceFen, initial, demand.DemandedFen, now), now);
            }
        }
    }
}
