using Npgsql;

namespace Platform.TestKit;

/// <summary>Reads a host's database directly, to check what was (not) written.</summary>
public static class Sql
{
    public static async Task<long> CountAsync(string connectionString, string table, string where = "true")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE {where}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<int> ExecuteAsync(string connectionString, string statement)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(statement, connection);
        return await command.ExecuteNonQueryAsync();
    }
}
