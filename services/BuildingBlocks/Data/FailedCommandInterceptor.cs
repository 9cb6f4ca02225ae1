using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// No connection goes back to the pool in doubt. When the use on which Npgsql auto-prepares a statement fails at the server
/// (a NUL in text, a value too long, a unique key taken), Npgsql's record of that prepared statement no longer matches the
/// session (npgsql/npgsql#6391): the next use of the statement on that connection reads "unexpected backend message
/// DataRow", whoever the caller. So a connection on which a command failed drops its prepared statements on both sides
/// as soon as it is out of its transaction (an aborted transaction accepts no DEALLOCATE): at once without one, else when
/// the transaction ends or the connection is closed or disposed. If the reset fails, or the connection is already back in
/// the pool, the pool is cleared, which closes it (and its idle neighbours) instead of handing it out again.
/// </summary>
public sealed class FailedCommandInterceptor : DbCommandInterceptor, IDbConnectionInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbConnection, object> Failed = [];
    private static readonly object Mark = new();

    /// <summary>For commands EF does not run itself (a raw batch): the connection is reset as if EF had seen them fail.</summary>
    public static void CommandFailedOn(DbConnection connection) => Failed.AddOrUpdate(connection, Mark);

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Record(command, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Exception);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => ResetAfter(eventData);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ResetAfter(eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => ResetAfter(eventData);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ResetAfter(eventData);
        return Task.CompletedTask;
    }

    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Reset(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Reset(connection);
        return ValueTask.FromResult(result);
    }

    // A connection the caller opened itself is not closed by EF but disposed with the context: it goes back to the pool here.
    public InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Reset(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Reset(connection);
        return ValueTask.FromResult(result);
    }

    private static void Record(DbCommand command, Exception exception)
    {
        if (exception is not NpgsqlException || command.Connection is not { } connection)
        {
            return;
        }

        CommandFailedOn(connection);
        if (command.Transaction is null)
        {
            Reset(connection);
        }
    }

    private static void ResetAfter(TransactionEndEventData eventData)
    {
        if (eventData.Context?.Database.GetDbConnection() is { } connection)
        {
            Reset(connection);
        }
    }

    // Npgsql has no asynchronous UnprepareAll; the blocking round trip happens only after a failed command.
    private static void Reset(DbConnection connection)
    {
        if (!Failed.Remove(connection) || connection is not NpgsqlConnection npgsql)
        {
            return;
        }

        if (npgsql.State != System.Data.ConnectionState.Open)
        {
            NpgsqlConnection.ClearPool(npgsql);
            return;
        }

        try
        {
            npgsql.UnprepareAll();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // Still in a transaction, or the session is gone: closed when it returns to the pool, as every busy one is.
            NpgsqlConnection.ClearPool(npgsql);
        }
    }
}
