using System.Diagnostics;
using Npgsql;
using static Platform.Bench.SeedTables;
using NpgsqlTypes;
using Platform.BuildingBlocks.Data;
using Platform.Funds.Api.Journal;
using Platform.Funds.Domain.Journal;

namespace Platform.Bench.Funds;

/// <summary>
/// Fills the funds database by binary COPY: the registry copy, the building classes, one funded ledger per unit and the
/// journal history that explains each balance — bench setup, not what is measured. In production governance's events
/// open the ledgers and the bank's slips fill them over years; here a community of 20,000 funded ledgers arrives in
/// seconds. The history is two transactions per community, built and sealed with the service's own
/// <see cref="JournalTransaction"/>, so the chain verifies: the initial deposits (bank debited, every ledger credited)
/// and an earlier repair that drew the few low ledgers down.
/// </summary>
public static class CommunitySeed
{
    private static readonly DateTimeOffset OpenedAt = new(2016, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DepositedAt = new(2016, 9, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EarlierRepairAt = new(2024, 5, 20, 8, 0, 0, TimeSpan.Zero);

    private static readonly (string Name, string Type)[] BuildingColumns =
    [
        ("building_id", "uuid"), ("community_id", "uuid"), ("type", "character varying"), ("set_by", "character varying"), ("set_at", "timestamp with time zone"),
    ];

    private static readonly (string Name, string Type)[] LedgerColumns =
    [
        ("unit_id", "uuid"), ("community_id", "uuid"), ("building_id", "uuid"), ("exclusive_area", "numeric"), ("use", "character varying"),
        ("rated_as", "character varying"), ("rate_fen_per_square_metre", "bigint"), ("initial_deposit_fen", "bigint"), ("balance_fen", "bigint"),
        ("opened_at", "timestamp with time zone"),
    ];

    private static readonly (string Name, string Type)[] TransactionColumns =
    [
        ("id", "uuid"), ("community_id", "uuid"), ("position", "bigint"), ("kind", "character varying"), ("description", "character varying"),
        ("occurred_on", "date"), ("source_reference", "character varying"), ("project_id", "uuid"), ("recorded_by", "character varying"),
        ("recorded_at", "timestamp with time zone"), ("previous_hash", "character varying"), ("hash", "character varying"),
        ("chain_key_id", "character varying"),
    ];

    private static readonly (string Name, string Type)[] LineColumns =
    [
        ("transaction_id", "uuid"), ("line_no", "integer"), ("account", "character varying"), ("debit_fen", "bigint"), ("credit_fen", "bigint"),
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
        await CheckSchemaAsync(connection, "building_classifications", BuildingColumns);
        await CheckSchemaAsync(connection, "unit_ledgers", LedgerColumns);
        await CheckSchemaAsync(connection, "journal_transactions", TransactionColumns);
        await CheckSchemaAsync(connection, "journal_lines", LineColumns);

        await using (var copy = await connection.BeginBinaryImportAsync(Copy("registry_communities", CommunityColumns)))
        {
            foreach (var community in communities)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(community.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(community.Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync(community.TownshipId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(community.PropertyCompanyId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(OpenedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(3, NpgsqlDbType.Integer);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(OpenedAt, NpgsqlDbType.TimestampTz);
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
                    await copy.WriteAsync("Register", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(OpenedAt, NpgsqlDbType.TimestampTz);
                }
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(Copy("registry_unit_owners", OwnerColumns)))
        {
            foreach (var community in communities)
            {
                foreach (var unit in community.Units)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(unit.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(community.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(unit.OwnerId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(new DateOnly(2016, 6, 1), NpgsqlDbType.Date);
                    await copy.WriteAsync(OpenedAt, NpgsqlDbType.TimestampTz);
                }
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(Copy("building_classifications", BuildingColumns)))
        {
            foreach (var community in communities)
            {
                foreach (var building in community.Units.DistinctBy(u => u.BuildingId))
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(building.BuildingId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(community.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(building.RatedAs.ToString(), NpgsqlDbType.Varchar);
                    await copy.WriteAsync("bench", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(OpenedAt, NpgsqlDbType.TimestampTz);
                }
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(Copy("unit_ledgers", LedgerColumns)))
        {
            foreach (var community in communities)
            {
                foreach (var unit in community.Units)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(unit.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(community.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(unit.BuildingId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(unit.ExclusiveArea, NpgsqlDbType.Numeric);
                    await copy.WriteAsync(unit.Use.ToString(), NpgsqlDbType.Varchar);
                    await copy.WriteAsync(unit.RatedAs.ToString(), NpgsqlDbType.Varchar);
                    await copy.WriteAsync(unit.RateFenPerSquareMetre, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(unit.InitialDepositFen, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(unit.BalanceFen, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(OpenedAt, NpgsqlDbType.TimestampTz);
                }
            }

            await copy.CompleteAsync();
        }

        var history = communities.SelectMany(History).ToList();
        await using (var copy = await connection.BeginBinaryImportAsync(Copy("journal_transactions", TransactionColumns)))
        {
            foreach (var t in history)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(t.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(t.CommunityId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(t.Position, NpgsqlDbType.Bigint);
                await copy.WriteAsync(t.Kind.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(t.Description, NpgsqlDbType.Varchar);
                await copy.WriteAsync(t.OccurredOn, NpgsqlDbType.Date);
                await copy.WriteAsync(t.SourceReference, NpgsqlDbType.Varchar);
                await copy.WriteNullAsync();
                await copy.WriteAsync(t.RecordedBy, NpgsqlDbType.Varchar);
                await copy.WriteAsync(t.RecordedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(t.PreviousHash, NpgsqlDbType.Varchar);
                await copy.WriteAsync(t.Hash, NpgsqlDbType.Varchar);
                await copy.WriteAsync(t.ChainKeyId, NpgsqlDbType.Varchar);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(Copy("journal_lines", LineColumns)))
        {
            foreach (var line in history.SelectMany(t => t.Lines))
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

        // Tables filled over years have their statistics and visibility map; give the planner the same.
        await using (var vacuum = new NpgsqlCommand(
            "VACUUM ANALYZE registry_communities, registry_units, registry_unit_owners, building_classifications, unit_ledgers, journal_transactions, journal_lines",
            connection))
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        log.WriteLine($"  {communities.Sum(c => c.Units.Count):N0} units with funded ledgers ({communities.Sum(c => c.DrawnDown.Count()):N0} drawn down near the threshold), " +
                      $"{history.Count} journal transactions with {history.Sum(t => t.Lines.Count):N0} lines, copied in and analysed in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// The community's journal so far, chained from genesis: its initial deposits, then (if any ledger is drawn down) the
    /// earlier repair that drew them. Each ledger's balance is what these lines leave it.
    /// </summary>
    private static IEnumerable<JournalTransaction> History(SeededCommunity community)
    {
        var deposits = Sealed(community, 1, HashChain.Genesis, JournalKind.InitialDeposit, "Initial deposits, bank statement 2016-09", DepositedAt,
            [JournalEntryLine.Debit(FundAccounts.DedicatedBankAccount, community.Units.Sum(u => u.InitialDepositFen)),
                .. community.Units.Select(u => JournalEntryLine.Credit(FundAccounts.UnitLedger(u.Id), u.InitialDepositFen))]);
        yield return deposits;

        var drawn = community.DrawnDown.ToList();
        if (drawn.Count > 0)
        {
            yield return Sealed(community, 2, deposits.Hash, JournalKind.RepairDisbursement, "Earlier repair: lifts of the drawn-down units' buildings", EarlierRepairAt,
                [.. drawn.Select(u => JournalEntryLine.Debit(FundAccounts.UnitLedger(u.Id), u.DrawnFen)),
                    JournalEntryLine.Credit(FundAccounts.DedicatedBankAccount, drawn.Sum(u => u.DrawnFen))]);
        }
    }

    private static JournalTransaction Sealed(
        SeededCommunity community, long position, string previousHash, JournalKind kind, string description, DateTimeOffset at, IReadOnlyList<JournalEntryLine> lines) =>
        DoubleEntry.Balances(lines)
            ? SealedTransaction.Create(community.Id, position, previousHash, kind, description, at, $"bench-seed:{community.Id}:{position}", "bench", lines)
            : throw new InvalidOperationException($"The seeded {kind} of {community.Name} does not balance.");

}
