using Npgsql;

namespace Platform.Bench.Voting;

/// <summary>Waits until the service's outbox relay has published every committed event.</summary>
public static class OutboxDrain
{
    public static async Task WaitAsync(string connectionString, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await PendingAsync(connectionString) is var pending and > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{pending} outbox messages still unpublished after {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(250);
        }
    }

    public static async Task<long> PendingAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
