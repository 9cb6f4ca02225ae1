using System.Diagnostics;
using Npgsql;
using static Platform.Bench.SeedTables;
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

}

/// <summary>A unit of the registry copy as seeded; no owner means the copy has no ownership for it (not billable).</summary>
public sealed record SeededUnit(
    Guid Id, Guid BuildingId, string BuildingNumber, string UnitNumber, decimal ExclusiveArea, UnitUse Use, AreaSource AreaSource,
    Guid? OwnerId, bool OwnedByDeveloper);

/// <summary>A fee standard as seeded: the one in force for a month is the latest started by then, the latest set of equals.</summary>
public sealed record SeededStandard(FeeUse Use, long RateFen, DateOnly EffectiveFrom, DateTimeOffset SetAt);
