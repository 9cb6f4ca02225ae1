using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Api.Journal;
using Platform.Funds.Domain.Journal;
using Platform.Contracts.Kernel.Money;

namespace Platform.Bench.Funds;

/// <summary>
/// With <c>--explain</c>, after the checks: two probes of what the profile's gaps and batches are made of, neither
/// posting anything that stays.
/// <list type="number">
/// <item>EF Core in the service's own <see cref="FundsDbContext"/>: <c>Add</c> of a sealed transaction with its lines
/// (the endpoint's graph) at a quarter, half and all of the scope, against adding the same lines with no principal
/// tracked; then the change detection each SaveChanges of the request pays with the lines and the ledgers tracked.</item>
/// <item>A set-based posting of the same amount, in a transaction that is rolled back: the lines by binary COPY, every
/// balance by one <c>UPDATE ... FROM unnest(...)</c> that refuses a short ledger, the open top-up demands of the
/// scope by one query. A sketch of the change suggested in docs/performance.md, not the service's code.</item>
/// </list>
/// </summary>
public static class PostingProbe
{
    public static async Task<IReadOnlyList<string>> RunAsync(IServiceProvider services, string connectionString, SeededCommunity community, long amountFen)
    {
        var report = new List<string>();
        var units = community.Units;
        foreach (var size in new[] { units.Count / 4, units.Count / 2, units.Count })
        {
            var graph = await BestOfAsync(3, () => AddGraphAsync(services, community, units.Take(size).ToList(), amountFen, withPrincipal: true));
            var alone = await BestOfAsync(3, () => AddGraphAsync(services, community, units.Take(size).ToList(), amountFen, withPrincipal: false));
            report.Add($"EF Core Add of a transaction with {size + 1,6:N0} lines: {Ms(graph)} ms as a graph (the endpoint's), {Ms(alone)} ms for the lines with no principal tracked");
        }

        report.Add(await ChangeDetectionAsync(services, community, amountFen));
        report.AddRange(await SetBasedAsync(connectionString, community, amountFen));
        return report;
    }

    private static async Task<double> BestOfAsync(int times, Func<Task<double>> measure)
    {
        var best = double.MaxValue;
        for (var i = 0; i < times; i++)
        {
            best = Math.Min(best, await measure());
        }

        return best;
    }

    private static async Task<double> AddGraphAsync(IServiceProvider services, SeededCommunity community, IReadOnlyList<SeededUnit> scope, long amountFen, bool withPrincipal)
    {
        await using var serviceScope = services.CreateAsyncScope();
        var db = serviceScope.ServiceProvider.GetRequiredService<FundsDbContext>();
        var transaction = Sealed(community, scope, amountFen);
        var clock = Stopwatch.StartNew();
        if (withPrincipal)
        {
            db.JournalTransactions.Add(transaction);
        }
        else
        {
            db.JournalLines.AddRange(transaction.Lines);
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>The request's context before its SaveChanges: the transaction with its lines and every ledger tracked, each balance changed.</summary>
    private static async Task<string> ChangeDetectionAsync(IServiceProvider services, SeededCommunity community, long amountFen)
    {
        await using var serviceScope = services.CreateAsyncScope();
        var db = serviceScope.ServiceProvider.GetRequiredService<FundsDbContext>();
        var transaction = Sealed(community, community.Units, amountFen);
        db.JournalTransactions.Add(transaction);
        var clock = Stopwatch.StartNew();
        var ids = community.Units.Select(u => u.Id).ToList();
        var ledgers = await db.UnitLedgers.IgnoreQueryFilters().Where(l => ids.Contains(l.UnitId)).ToListAsync();
        var read = clock.Elapsed.TotalMilliseconds;
        ledgers.ForEach(l => l.BalanceFen -= 1);
        clock.Restart();
        // What the outbox interceptor asks at the start of every SaveChanges: a full DetectChanges.
        _ = db.ChangeTracker.Entries<OutboxMessage>().Any();
        var first = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        db.ChangeTracker.DetectChanges();
        var again = clock.Elapsed.TotalMilliseconds;
        return $"EF Core with {db.ChangeTracker.Entries().Count():N0} entities tracked: reading the {ledgers.Count:N0} ledgers tracked {Ms(read)} ms; " +
               $"a DetectChanges {Ms(first)} ms, the next one {Ms(again)} ms (each SaveChanges pays two: the outbox interceptor's Entries<>() and its own)";
    }

    private static async Task<IReadOnlyList<string>> SetBasedAsync(string connectionString, SeededCommunity community, long amountFen)
    {
        var shares = Apportionment.ByArea(amountFen, community.Units.Select(u => (u.Id, u.AreaHundredths)).ToList()).Where(s => s.AmountFen > 0).ToList();
        var transaction = Sealed(community, community.Units, amountFen);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var rollback = await connection.BeginTransactionAsync();
        var clock = Stopwatch.StartNew();
        await using (var header = new NpgsqlCommand("""
            INSERT INTO journal_transactions (id, community_id, position, kind, description, occurred_on, source_reference, recorded_by, recorded_at, previous_hash, hash)
            VALUES ($1, $2, (SELECT max(position) + 1 FROM journal_transactions WHERE community_id = $2), $3, $4, $5, $6, $7, $8, $9, $10)
            """, connection, rollback))
        {
            header.Parameters.AddWithValue(transaction.Id);
            header.Parameters.AddWithValue(transaction.CommunityId);
            header.Parameters.AddWithValue(transaction.Kind.ToString());
            header.Parameters.AddWithValue(transaction.Description);
            header.Parameters.AddWithValue(transaction.OccurredOn);
            header.Parameters.AddWithValue(transaction.SourceReference!);
            header.Parameters.AddWithValue(transaction.RecordedBy);
            header.Parameters.AddWithValue(transaction.RecordedAt);
            header.Parameters.AddWithValue(transaction.PreviousHash);
            header.Parameters.AddWithValue(transaction.Hash);
            await header.ExecuteNonQueryAsync();
        }

        var headerMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY journal_lines (transaction_id, line_no, account, debit_fen, credit_fen) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var line in transaction.Lines)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(line.TransactionId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(line.LineNo, NpgsqlDbType.Integer);
                await copy.WriteAsync(line.Account, NpgsqlDbType.Varchar);
                await copy.WriteAsync(line.DebitFen, NpgsqlDbType.Bigint);
                await copy.WriteAsync(line.CreditFen, NpgsqlDbType.Bigint);
            }

            await copy.CompleteAsync();
        }

        var copyMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        int updated;
        await using (var update = new NpgsqlCommand("""
            UPDATE unit_ledgers l SET balance_fen = l.balance_fen - s.fen
            FROM unnest($1::uuid[], $2::bigint[]) AS s(unit_id, fen)
            WHERE l.unit_id = s.unit_id AND l.community_id = $3 AND l.balance_fen >= s.fen
            """, connection, rollback))
        {
            update.Parameters.AddWithValue(shares.Select(s => s.UnitId).ToArray());
            update.Parameters.AddWithValue(shares.Select(s => s.AmountFen).ToArray());
            update.Parameters.AddWithValue(community.Id);
            updated = await update.ExecuteNonQueryAsync();
        }

        var updateMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var open = 0;
        await using (var demands = new NpgsqlCommand("SELECT count(*) FROM top_up_demands WHERE settled_at IS NULL AND unit_id = ANY($1)", connection, rollback))
        {
            demands.Parameters.AddWithValue(shares.Select(s => s.UnitId).ToArray());
            open = (int)(long)(await demands.ExecuteScalarAsync())!;
        }

        var demandsMs = clock.Elapsed.TotalMilliseconds;
        await rollback.RollbackAsync();
        return
        [
            $"set-based sketch (rolled back): header {Ms(headerMs)} ms; COPY of {transaction.Lines.Count:N0} lines {Ms(copyMs)} ms; " +
            $"one UPDATE ... FROM unnest of {updated:N0} balances (of {shares.Count:N0}; a short ledger would make it fewer) {Ms(updateMs)} ms; " +
            $"open demands of the scope in one query ({open:N0}) {Ms(demandsMs)} ms; together {Ms(headerMs + copyMs + updateMs + demandsMs)} ms",
        ];
    }

    private static JournalTransaction Sealed(SeededCommunity community, IReadOnlyList<SeededUnit> scope, long amountFen) =>
        SealedTransaction.Create(community.Id, position: 0, HashChain.Genesis, JournalKind.RepairDisbursement, "probe (rolled back)", DateTimeOffset.UtcNow,
            $"bench-probe:{Guid.CreateVersion7()}", "bench:probe",
            SealedTransaction.Disbursement(Apportionment.ByArea(amountFen, scope.Select(u => (u.Id, u.AreaHundredths)).ToList()), amountFen));

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
