using System.Runtime.CompilerServices;
using Npgsql;

namespace Platform.Bench;

/// <summary>
/// What the bill-run and settlement benchmarks' seeds share: the registry copy's columns as both write them, the binary
/// COPY statement, and the check that a table still has the columns the seed writes (linked into each benchmark).
/// </summary>
public static class SeedTables
{
    public static readonly (string Name, string Type)[] CommunityColumns =
    [
        ("id", "uuid"), ("name", "character varying"), ("township_id", "uuid"), ("property_company_id", "uuid"),
        ("property_company_assigned_at", "timestamp with time zone"), ("star_level", "integer"), ("is_old_community", "boolean"),
        ("updated_at", "timestamp with time zone"),
    ];

    public static readonly (string Name, string Type)[] UnitColumns =
    [
        ("id", "uuid"), ("community_id", "uuid"), ("building_id", "uuid"), ("building_number", "character varying"),
        ("unit_number", "character varying"), ("exclusive_area", "numeric"), ("use", "character varying"),
        ("area_source", "character varying"), ("updated_at", "timestamp with time zone"),
    ];

    public static readonly (string Name, string Type)[] OwnerColumns =
    [
        ("unit_id", "uuid"), ("community_id", "uuid"), ("owner_id", "uuid"), ("is_developer", "boolean"), ("since", "date"),
        ("updated_at", "timestamp with time zone"),
    ];

    public static string Copy(string table, (string Name, string Type)[] columns) =>
        $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// Every seeded column exists with the seeded type, and every required column (NOT NULL, no default) is seeded,
    /// so a migration that changes a seeded table stops the seed with a clear message instead of a COPY error.
    /// </summary>
    public static async Task CheckSchemaAsync(
        NpgsqlConnection connection, string table, (string Name, string Type)[] columns, [CallerFilePath] string seed = "")
    {
        await using var command = new NpgsqlCommand("""
            SELECT column_name, data_type, is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'
            FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1
            """, connection);
        command.Parameters.AddWithValue(table);
        var schema = new Dictionary<string, (string Type, bool Required)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                schema[reader.GetString(0)] = (reader.GetString(1), reader.GetBoolean(2));
            }
        }

        var problems = columns.Where(c => !schema.ContainsKey(c.Name)).Select(c => $"{c.Name} is not in the table")
            .Concat(columns.Where(c => schema.TryGetValue(c.Name, out var s) && s.Type != c.Type).Select(c => $"{c.Name} is {schema[c.Name].Type}, the seed writes {c.Type}"))
            .Concat(schema.Where(s => s.Value.Required && columns.All(c => c.Name != s.Key)).Select(s => $"{s.Key} is required and not seeded"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"The seed no longer fits {table} as migrated: {string.Join("; ", problems)}. Update {seed}.");
        }
    }
}
