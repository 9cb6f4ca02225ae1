using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Platform.Fees.Domain.Billing;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Bench.Fees;

/// <summary>
/// Where a bill run's time goes in PostgreSQL. Keeps the last bill-run statement the host sent (from EF Core's
/// diagnostic events: text and parameters, so it follows the endpoint as it changes), then runs it under
/// <c>EXPLAIN (ANALYZE, BUFFERS)</c> for a month nobody billed, in a transaction that is rolled back.
/// </summary>
public sealed class StatementPlan : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly string Executing = RelationalEventId.CommandExecuting.Name!;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _gate = new();
    private (string Text, NpgsqlParameter[] Parameters)? _statement;

    public StatementPlan() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    /// <summary>
    /// The last bill-run statement again, for <paramref name="fresh"/>: its plan with the time each step took. Its month
    /// is whichever parameter reads as one (yyyy-MM), with that month's first day beside it.
    /// </summary>
    public async Task<IReadOnlyList<string>> ExplainAsync(string connectionString, BillingPeriod fresh)
    {
        (string Text, NpgsqlParameter[] Parameters) statement;
        lock (_gate)
        {
            statement = _statement ?? throw new InvalidOperationException("No bill-run statement (INSERT INTO bills) was seen.");
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + statement.Text, connection, transaction);
        var billed = statement.Parameters.Select(p => p.Value is string text && BillingPeriod.TryParse(text, out var month) ? month : (BillingPeriod?)null)
            .FirstOrDefault(month => month is not null) ?? throw new InvalidOperationException("The bill-run statement has no month parameter.");
        foreach (var parameter in statement.Parameters)
        {
            var copy = parameter.Clone();
            copy.Value = parameter.Value switch
            {
                string text when text == billed.ToString() => fresh.ToString(),
                DateOnly day when day == billed.FirstDay => fresh.FirstDay,
                var value => value,
            };
            command.Parameters.Add(copy);
        }

        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        await transaction.RollbackAsync();
        return plan;
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_gate)
            {
                _subscriptions.Add(listener.Subscribe(this, name => name == Executing));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> diagnostic)
    {
        if (diagnostic.Value is CommandEventData { Command: NpgsqlCommand command } && command.CommandText.Contains("INSERT INTO bills", StringComparison.Ordinal)
            && command.CommandText.Contains("ON CONFLICT", StringComparison.Ordinal))
        {
            var parameters = command.Parameters.Select(p => p.Clone()).ToArray();
            lock (_gate)
            {
                _statement = (command.CommandText, parameters);
            }
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _subscriptions.ForEach(s => s.Dispose());
            _subscriptions.Clear();
        }
    }
}
