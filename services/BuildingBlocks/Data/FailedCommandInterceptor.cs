using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// No connection goes back to the pool in doubt. A statement the server refused (a NUL in text, a value too long) can leave
/// Npgsql's auto-prepared statements out of step with the session (npgsql/npgsql#6391), and the next caller given that
/// connection then reads "unexpected backend message". So a connection on which a command failed drops its prepared
/// statements on both sides before it is closed; if even that fails, the pool is told to discard it.
/// </summary>
public sealed class FailedCommandInterceptor : DbCommandInterceptor, IDbConnectionInterceptor
{
    private static readonly object Failed = new();

    private readonly ConditionalWeakTable<DbConnection, object> _failed = [];

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData)
    {
        Mark(command, eventData.Exception);
        if (command.Connection is { } connection)
        {
            Reset(connection);
        }
    }

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Mark(command, eventData.Exception);
        if (command.Connection is { } connection)
        {
            Reset(connection);
        }

        return Task.CompletedTask;
    }

    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Reset(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        // Npgsql has no asynchronous UnprepareAll; this runs only after a failure, so the blocking round trip is rare.
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

    private void Mark(DbCommand command, Exception exception)
    {
        if (exception is NpgsqlException && command.Connection is { } connection)
        {
            _failed.AddOrUpdate(connection, Failed);
        }
    }

    private void Reset(DbConnection connection)
    {
        if (!_failed.Remove(connection) || connection is not NpgsqlConnection { State: System.Data.ConnectionState.Open } npgsql)
        {
            return;
        }

        try
        {
            npgsql.UnprepareAll();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // The session cannot even be reset: every connection of the pool is closed when it returns, this one included.
            NpgsqlConnection.ClearPool(npgsql);
        }
    }
}
