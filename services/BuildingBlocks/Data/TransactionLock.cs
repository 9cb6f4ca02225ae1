using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Platform.BuildingBlocks.Data;

public static class TransactionLock
{
    private const string Exclusive = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";
    private const string Shared = "SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))";

    /// <summary>
    /// Waits for the PostgreSQL advisory lock named <paramref name="key"/> and holds it to the end of the current
    /// transaction: one writer at a time per chain, account or key, across every replica. Throws without a transaction.
    /// </summary>
    public static Task AcquireAsync(this DatabaseFacade database, string key, CancellationToken cancellationToken)
    {
        RequireTransaction(database);
        return database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
    }

    /// <summary>
    /// <see cref="AcquireAsync"/>, then one scalar query, in a single round trip: both go as one batch, and the query,
    /// a statement of its own, sees everything committed before the lock was granted (READ COMMITTED takes each
    /// statement's snapshot when it starts). For the look-up that a lock exists to protect: the chain's head, a key's record.
    /// The query's parameters are written <c>$1</c>, <c>$2</c>… in <paramref name="sql"/>, taken from <paramref name="parameters"/>.
    /// </summary>
    public static Task<T?> AcquireThenReadAsync<T>(
        this DatabaseFacade database, string key, string sql, object[] parameters, CancellationToken cancellationToken) =>
        LockThenReadAsync(database, Exclusive, key, sql, parameters, row => row.IsDBNull(0) ? default : row.GetFieldValue<T>(0), cancellationToken);

    /// <summary>The shared lock (<see cref="AcquireSharedAsync"/>), then one query's first row read by <paramref name="row"/>, in one round trip.</summary>
    public static Task<T?> AcquireSharedThenReadAsync<T>(
        this DatabaseFacade database, string key, string sql, object[] parameters, Func<DbDataReader, T> row, CancellationToken cancellationToken) =>
        LockThenReadAsync(database, Shared, key, sql, parameters, row, cancellationToken);

    private static async Task<T?> LockThenReadAsync<T>(
        DatabaseFacade database, string lockSql, string key, string sql, object[] parameters, Func<DbDataReader, T> row, CancellationToken cancellationToken)
    {
        var transaction = RequireTransaction(database);
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(lockSql) { Parameters = { new NpgsqlParameter { Value = key } } });
        var read = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            read.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        batch.BatchCommands.Add(read);
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? row(reader) : default;
        }
        catch (NpgsqlException)
        {
            // EF's interceptors do not see this batch: its connection is reset all the same once the transaction ends.
            FailedCommandInterceptor.CommandFailedOn(transaction.Connection!);
            throw;
        }
    }

    /// <summary>
    /// The shared form of <see cref="AcquireAsync"/>: any number of holders at once, while an exclusive holder of the same
    /// key waits for all of them (and they for it). Writers that may run side by side take it shared; a reader that
    /// needs a still picture of everything they touch (a recount) takes it exclusively.
    /// </summary>
    public static Task AcquireSharedAsync(this DatabaseFacade database, string key, CancellationToken cancellationToken)
    {
        RequireTransaction(database);
        return database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared(hashtextextended({key}, 0))", cancellationToken);
    }

    /// <summary>Outside a transaction the lock would end with its own statement and guard nothing: refuse to pretend.</summary>
    private static NpgsqlTransaction RequireTransaction(DatabaseFacade database) =>
        database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
        ?? throw new InvalidOperationException(
            "A transaction-scoped advisory lock needs a transaction: begin one on the DbContext before taking the lock.");
}
