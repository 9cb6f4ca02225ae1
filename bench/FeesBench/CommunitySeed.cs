using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.Events;
using Platform.Fees.Domain.Standards;

namespace Platform.Bench.Fees;

/// <summary>
/// Fills the fees database's registry copy and fee standards by binary COPY: bench setup, not what is measured. In
/// production governance's events fill the copy over months; here a community of 100,000 units arrives in seconds.
/// </summary>
public static class CommunitySeed
{
    private static readonly DateTimeOffset SeededAt = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string Name, string Type)[] CommunityColumns =
    [
        ("id", "uuid"), ("name", "character varying"), ("township_id", "uuid"), ("property_company_id", "uuid"),
        ("property_company_assigned_at", "timestamp with time zone"), ("star_level", "integer"), ("is_old_community", "boolean"),
        ("updated_at", "timestamp with time zone"),
    ];

    private static readonly (string Name, string Type)[] UnitColumns =
    [
        ("id", "uuid"), ("community_id", "uuid"), ("building_id", "uuid"), ("building_number", "character varying"),
        ("unit_number", "character varying"), ("exclusive_area", "numeric"), ("use", "character varying"),
        ("area_source", "character varying"), ("updated_at", "timestamp with time zone"),
    ];

    private static readonly (string Name, string Type)[] OwnerColumns =
    [
        ("unit_id", "uuid"), ("community_id", "uuid"), ("owner_id", "uuid"), ("is_developer", "boolean"), ("since", "date"),
        ("updated_at", "timestamp with time zone"),
    ];

    private static readonly (string Name, string Type)[] StandardColumns =
    [
        ("id", "uuid"), ("community_id", "uuid"), ("use", "character varying"), ("rate_fen", "bigint"), ("effective_from", "date"),
        ("star_level", "integer"), ("set_by", "character varying"), ("set_at", "timestamp with time zone"),
    ];

    /// <summary>Writes the communities, checking each table against the schema the host's migrations created first.</summary>
    public static async Task SeedAsync(string connectionString, IReadOnlyList<SeededCommunity> communities, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await CheckSchemaAsync(connection, "registry_communities", CommunityColumns);
        await CheckSchemaAsync(connection, "registry_units", UnitColumns);
        await CheckSchemaAsync(connection, "registry_unit_owners", OwnerColumns);
        await CheckSchemaAsync(connection, "fee_standards", StandardColumns);

        await using (var copy = await connection.BeginBinaryImportAsync(Copy("registry_communities", CommunityColumns)))
        {
            foreach (var community in communities)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(community.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(community.Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync(community.TownshipId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(community.PropertyCompanyId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(SeededAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(community.StarLevel, NpgsqlDbType.Integer);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(SeededAt, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(Copy("registry_units", UnitColumns)))
        {
            foreach (var community in communities)
            {
                foreach (var unit in community.Units)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(unit.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(community.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(unit.BuildingId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(unit.BuildingNumber, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(unit.UnitNumber, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(unit.ExclusiveArea, NpgsqlDbType.Numeric);
                    await copy.WriteAsync(unit.Use.ToString(), NpgsqlDbType.Varchar);
                    await copy.WriteAsync(unit.AreaSource.ToString(), NpgsqlDbType.Varchar);
                    await copy.WriteAsync(SeededAt, NpgsqlDbType.TimestampTz);
                }
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(Copy("registry_unit_owners", OwnerColumns)))
        {
            foreach (var community in communities)
            {
                foreach (var unit in community.Units.Where(u => u.OwnerId is not null))
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(unit.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(community.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(unit.OwnerId!.Value, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(unit.OwnedByDeveloper, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(unit.OwnedByDeveloper ? new DateOnly(2019, 6, 1) : new DateOnly(2020, 6, 1), NpgsqlDbType.Date);
                    await copy.WriteAsync(SeededAt, NpgsqlDbType.TimestampTz);
                }
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(Copy("fee_standards", StandardColumns)))
        {
            foreach (var community in communities)
            {
                foreach (var standard in community.Standards)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(Guid.CreateVersion7(standard.SetAt), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(community.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(standard.Use.ToString(), NpgsqlDbType.Varchar);
                    await copy.WriteAsync(standard.RateFen, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(standard.EffectiveFrom, NpgsqlDbType.Date);
                    await copy.WriteAsync(community.StarLevel, NpgsqlDbType.Integer);
                    await copy.WriteAsync("bench", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(standard.SetAt, NpgsqlDbType.TimestampTz);
                }
            }

            await copy.CompleteAsync();
        }

        // A registry copy built over months has its statistics and visibility map; give the planner the same.
        await using (var vacuum = new NpgsqlCommand("VACUUM ANALYZE registry_communities, registry_units, registry_unit_owners, fee_standards", connection))
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        log.WriteLine($"  {communities.Sum(c => c.Units.Count)} units, {communities.Sum(c => c.Units.Count(u => u.OwnerId is not null))} ownerships " +
                      $"and {communities.Sum(c => c.Standards.Count)} fee standards copied in and analysed in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static string Copy(string table, (string Name, string Type)[] columns) =>
        $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// Every seeded column exists with the seeded type, and every required column (NOT NULL, no default) is seeded,
    /// so a migration that changes the registry copy stops the seed with a clear message instead of a COPY error.
    /// </summary>
    private static async Task CheckSchemaAsync(NpgsqlConnection connection, string table, (string Name, string Type)[] columns)
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
            throw new InvalidOperationException($"The seed no longer fits {table} as migrated: {string.Join("; ", problems)}. Update bench/FeesBench/CommunitySeed.cs.");
        }
    }
}

/// <summary>A unit of the registry copy as seeded; no owner means the copy has no ownership for it (not billable).</summary>
public sealed record SeededUnit(
    Guid Id, Guid BuildingId, string BuildingNumber, string UnitNumber, decimal ExclusiveArea, UnitUse Use, AreaSource AreaSource,
    Guid? OwnerId, bool OwnedByDeveloper);

/// <summary>A fee standard as seeded: the one in force for a month is the latest started by then, the latest set of equals.</summary>
public sealed record SeededStandard(FeeUse Use, long RateFen, DateOnly EffectiveFrom, DateTimeOffset SetAt);
