using System.Text.Json;
using Npgsql;

namespace Platform.Bench.Voting;

/// <summary>
/// What PostgreSQL holds against what the clients were told.
/// Lost: a 201 receipt whose ballot is not in the record. Duplicated: a ballot row no request explains (no receipt and
/// no idempotency record of ours), one request's ballot recorded twice, or one receipt given to two requests.
/// Unacknowledged: committed, but its client gave up first (timeout): its idempotency record names it, so a retry with
/// the same key would get this receipt back; not lost, not a duplicate, but reported.
/// </summary>
public sealed record BallotAudit(long Rows, int Receipts, int Lost, int Duplicated, int Unacknowledged, int WrongVoter)
{
    public bool Holds => Lost == 0 && Duplicated == 0 && WrongVoter == 0;

    public static async Task<BallotAudit> CheckAsync(
        string connectionString, IReadOnlyList<Guid> proposals, BallotPlan plan, IReadOnlyList<Guid> owners, IEnumerable<(int Index, Outcome Outcome)> ballots)
    {
        var rows = await RowsAsync(connectionString, proposals);
        var keyed = await IdempotencyRecordsAsync(connectionString, plan.KeyPrefix);

        var receipts = ballots.Where(b => b.Outcome.Status == 201 && b.Outcome.BallotId is not null).ToList();
        var receiptIds = receipts.GroupBy(b => b.Outcome.BallotId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var lost = receipts.Count(b => !rows.ContainsKey(b.Outcome.BallotId!.Value));
        var sharedReceipts = receiptIds.Values.Sum(n => n - 1);

        // Each request's key maps to at most one ballot (the key is the record's primary key); a ballot named by two keys is doubled.
        var keysPerBallot = keyed.GroupBy(k => k.BallotId).ToDictionary(g => g.Key, g => g.Select(k => k.Index).ToList());
        var doubledByKey = keysPerBallot.Values.Sum(indexes => indexes.Count - 1);
        var unexplained = rows.Keys.Count(id => !receiptIds.ContainsKey(id) && !keysPerBallot.ContainsKey(id));
        var unacknowledged = rows.Keys.Count(id => !receiptIds.ContainsKey(id) && keysPerBallot.ContainsKey(id));

        // The ballot a request created must be cast by that request's owner.
        var wrongVoter = keyed.Count(k => rows.TryGetValue(k.BallotId, out var castBy) && castBy != owners[plan[k.Index].Owner]);
        return new BallotAudit(rows.Count, receipts.Count, lost, unexplained + doubledByKey + sharedReceipts, unacknowledged, wrongVoter);
    }

    /// <summary>Ballot id → the owner whose token cast it.</summary>
    private static async Task<Dictionary<Guid, Guid>> RowsAsync(string connectionString, IReadOnlyList<Guid> proposals)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, cast_by_owner_id FROM ballots WHERE proposal_id = ANY($1)", connection);
        command.Parameters.AddWithValue(proposals.ToArray());
        var rows = new Dictionary<Guid, Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetGuid(0), reader.GetGuid(1));
        }

        return rows;
    }

    /// <summary>This run's stored responses: request index → the ballot id its response named.</summary>
    private static async Task<List<(int Index, Guid BallotId)>> IdempotencyRecordsAsync(string connectionString, string keyPrefix)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT key, response_body FROM idempotency_records WHERE key LIKE $1 AND status_code = 201", connection);
        command.Parameters.AddWithValue(keyPrefix + "%");
        var records = new List<(int, Guid)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            using var body = JsonDocument.Parse(reader.GetString(1));
            records.Add((int.Parse(reader.GetString(0)[keyPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture), body.RootElement.GetProperty("ballotId").GetGuid()));
        }

        return records;
    }
}
