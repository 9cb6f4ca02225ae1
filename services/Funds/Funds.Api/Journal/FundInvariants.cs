using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Domain.Journal;

namespace Platform.Funds.Api.Journal;

/// <summary>
/// The fund's invariants, each violation named with its evidence: every transaction balances; the dedicated
/// account holds exactly what the unit ledgers and community sub-ledgers add up to; no ledger is negative; each unit
/// ledger's kept balance equals its journal; every community's chain verifies, row by row.
/// Run by <c>verify-ledgers</c>, by <c>GET /api/funds/v1/journal/verification</c> and after every funds test.
/// </summary>
public sealed class FundInvariants(FundsDbContext db) : IIntegrityCheck
{
    public string Name => "maintenance-fund journal";

    public async Task<IReadOnlyList<string>> FindViolationsAsync(CancellationToken ct)
    {
        var violations = new List<string>();
        var unbalanced = await db.Database.SqlQueryRaw<Unbalanced>("""
            SELECT transaction_id, sum(debit_fen)::bigint AS debit_fen, sum(credit_fen)::bigint AS credit_fen
            FROM journal_lines GROUP BY transaction_id HAVING sum(debit_fen) <> sum(credit_fen) OR count(*) < 2
            """).ToListAsync(ct);
        violations.AddRange(unbalanced.Select(u => $"transaction {u.TransactionId} does not balance: debits {u.DebitFen} fen, credits {u.CreditFen} fen"));

        var balances = await db.Database.SqlQueryRaw<AccountBalance>("""
            SELECT account, sum(credit_fen - debit_fen)::bigint AS balance_fen FROM journal_lines GROUP BY account
            """).ToListAsync(ct);
        var bank = -balances.Where(b => b.Account == FundAccounts.DedicatedBankAccount).Sum(b => b.BalanceFen);
        var held = balances.Where(b => b.Account != FundAccounts.DedicatedBankAccount).Sum(b => b.BalanceFen);
        if (bank != held)
        {
            violations.Add($"the dedicated account holds {bank} fen but the unit ledgers and community sub-ledgers add up to {held} fen");
        }

        violations.AddRange(balances.Where(b => b.Account != FundAccounts.DedicatedBankAccount && b.BalanceFen < 0)
            .Select(b => $"ledger {b.Account} is negative: {b.BalanceFen} fen"));

        var journal = balances.ToDictionary(b => b.Account, b => b.BalanceFen);
        var kept = await db.UnitLedgers.IgnoreQueryFilters().AsNoTracking().Select(l => new { l.UnitId, l.BalanceFen }).ToListAsync(ct);
        violations.AddRange(kept.Where(l => l.BalanceFen != journal.GetValueOrDefault(FundAccounts.UnitLedger(l.UnitId)))
            .Select(l => $"unit ledger {l.UnitId} keeps {l.BalanceFen} fen but its journal says {journal.GetValueOrDefault(FundAccounts.UnitLedger(l.UnitId))} fen"));

        violations.AddRange(await BrokenChains(ct));
        return violations;
    }

    /// <summary>Each community's chain from its first transaction: the first row whose link or hash is wrong, by id and position.</summary>
    private async Task<List<string>> BrokenChains(CancellationToken ct)
    {
        var broken = new List<string>();
        var communities = await db.JournalTransactions.IgnoreQueryFilters().Select(t => t.CommunityId).Distinct().ToListAsync(ct);
        foreach (var community in communities)
        {
            var transactions = await db.JournalTransactions.IgnoreQueryFilters().AsNoTracking().Include(t => t.Lines)
                .Where(t => t.CommunityId == community).OrderBy(t => t.Position).ToListAsync(ct);
            // A transaction's link covers its lines: a changed line shows as changed content.
            if (db.Chain.FirstBreak(transactions, t => t.Position) is var (t, problem))
            {
                broken.Add($"journal transaction {t.Id} (community {community}, position {t.Position}) {problem}");
            }
        }

        return broken;
    }

    private sealed class Unbalanced
    {
        public Guid TransactionId { get; init; }

        public long DebitFen { get; init; }

        public long CreditFen { get; init; }
    }

    private sealed class AccountBalance
    {
        public required string Account { get; init; }

        public long BalanceFen { get; init; }
    }
}
