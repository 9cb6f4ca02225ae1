using Npgsql;
using Platform.Contracts.Events;
using Platform.Funds.Domain.Journal;
using Platform.Funds.Domain.Ledgers;
using Platform.Contracts.Kernel.Money;

namespace Platform.Bench.Funds;

/// <summary>One disbursement to check: what was asked, over which units, and the journal transaction the service named.</summary>
public sealed record Posting(string What, Guid TransactionId, long AmountFen, IReadOnlyList<SeededUnit> Scope);

/// <summary>What one check found; it holds when it found no problem.</summary>
public sealed record AuditLine(string What, string Summary, IReadOnlyList<string> Problems)
{
    public bool Holds => Problems.Count == 0;

    public override string ToString() => $"{What}: {Summary} — " + (Holds ? "OK" : "WRONG\n    " + string.Join("\n    ", Problems));
}

/// <summary>
/// What the funds database holds for one community after its postings, read back with Npgsql and set against the seed:
/// each posting's lines are the largest-remainder shares of its amount by area (recomputed with the service's
/// <see cref="Apportionment"/>, and the rule checked independently: every share is the floor or ceiling of its exact
/// share, the ceilings go to the largest remainders, the shares sum to the amount, which the bank is credited); each
/// ledger's balance dropped by exactly its shares; exactly the ledgers left below the threshold were asked to top up;
/// one <c>DisbursementMade</c> per posting.
/// </summary>
public static class LedgerAudit
{
    public static async Task<List<AuditLine>> CheckAsync(string connectionString, SeededCommunity community, IReadOnlyList<Posting> postings)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<AuditLine>();
        var charged = new Dictionary<Guid, long>();
        foreach (var posting in postings)
        {
            lines.Add(await CheckPostingAsync(connection, posting, charged));
        }

        lines.Add(await CheckBalancesAsync(connection, community, charged));
        lines.Add(await CheckTopUpsAsync(connection, community, charged));
        lines.Add(await CheckEventsAsync(connection, community, postings));
        return lines;
    }

    private static async Task<AuditLine> CheckPostingAsync(NpgsqlConnection connection, Posting posting, Dictionary<Guid, long> charged)
    {
        var problems = new ProblemList();
        var debits = new Dictionary<Guid, long>();
        long bankCredit = 0;
        var rows = 0;
        await using (var command = new NpgsqlCommand("SELECT account, debit_fen, credit_fen FROM journal_lines WHERE transaction_id = $1", connection))
        {
            command.Parameters.AddWithValue(posting.TransactionId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows++;
                var (account, debit, credit) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
                if (account == FundAccounts.DedicatedBankAccount && debit == 0)
                {
                    bankCredit += credit;
                }
                else if (FundAccounts.KindOf(account) == FundAccountKind.UnitLedger && credit == 0 && Guid.TryParse(account.AsSpan("unit:".Length), out var unit))
                {
                    if (!debits.TryAdd(unit, debit))
                    {
                        problems.Add("units debited twice", unit.ToString());
                    }
                }
                else
                {
                    problems.Add("lines that are neither one debit per unit ledger nor the bank's credit", $"{account}: debit {debit}, credit {credit}");
                }
            }
        }

        var expected = Apportionment.ByArea(posting.AmountFen, posting.Scope.Select(u => (u.Id, u.AreaHundredths)).ToList()).ToDictionary(s => s.UnitId, s => s.AmountFen);
        foreach (var (unit, share) in expected.Where(e => e.Value > 0))
        {
            if (!debits.TryGetValue(unit, out var debit))
            {
                problems.Add("units of the scope without their debit", $"{unit}: share {share}");
            }
            else if (debit != share)
            {
                problems.Add("debits that differ from the C# apportionment", $"{unit}: {debit}, share {share}");
            }
        }

        foreach (var unit in debits.Keys.Where(u => expected.GetValueOrDefault(u) == 0))
        {
            problems.Add("debits on units outside the scope or with no share", unit.ToString());
        }

        problems.AddRange("largest-remainder rule", LargestRemainderViolations(posting, debits));
        if (debits.Values.Sum() != posting.AmountFen || bankCredit != posting.AmountFen)
        {
            problems.Add("totals that are not the amount", $"debits {debits.Values.Sum()}, bank credited {bankCredit}, amount {posting.AmountFen}");
        }

        foreach (var (unit, debit) in debits)
        {
            charged[unit] = charged.GetValueOrDefault(unit) + debit;
        }

        return new AuditLine(posting.What, $"{rows:N0} lines, {debits.Count:N0} units charged {debits.Values.Sum():N0} fen of {posting.AmountFen:N0}, bank credited {bankCredit:N0}",
            problems.Lines());
    }

    /// <summary>
    /// The rule checked from its definition, not by running it again: with total area T, each unit's amount × area is
    /// share × T plus a remainder in [0, T) for floors, or minus one in (−T, 0] for the units given a fen more; as many
    /// fen more as the floors leave over; and no unit left at its floor has a larger remainder than one given a fen more.
    /// </summary>
    private static IEnumerable<string> LargestRemainderViolations(Posting posting, IReadOnlyDictionary<Guid, long> debits)
    {
        Int128 total = posting.Scope.Sum(u => u.AreaHundredths);
        var raised = new List<(Guid Unit, Int128 Remainder)>();
        var floors = new List<(Guid Unit, Int128 Remainder)>();
        Int128 floorSum = 0;
        foreach (var unit in posting.Scope)
        {
            var exact = (Int128)posting.AmountFen * unit.AreaHundredths;
            var floor = exact / total;
            var remainder = exact % total;
            floorSum += floor;
            var debit = debits.GetValueOrDefault(unit.Id);
            if (debit == floor)
            {
                floors.Add((unit.Id, remainder));
            }
            else if (debit == floor + 1)
            {
                raised.Add((unit.Id, remainder));
            }
            else
            {
                yield return $"{unit.Id}: {debit} fen is neither the floor nor the ceiling of {posting.AmountFen} × {unit.AreaHundredths} / {total}";
            }
        }

        if (posting.AmountFen - floorSum != raised.Count)
        {
            yield return $"{raised.Count} units given a fen more, {posting.AmountFen - floorSum} fen left over by the floors";
        }

        if (raised.Count > 0 && floors.Count > 0 && floors.Max(f => f.Remainder) > raised.Min(r => r.Remainder))
        {
            yield return $"a unit left at its floor with remainder {floors.Max(f => f.Remainder)} > the smallest raised remainder {raised.Min(r => r.Remainder)}";
        }
    }

    private static async Task<AuditLine> CheckBalancesAsync(NpgsqlConnection connection, SeededCommunity community, IReadOnlyDictionary<Guid, long> charged)
    {
        var kept = await ReadAsync(connection, "SELECT unit_id, balance_fen FROM unit_ledgers WHERE community_id = $1", community.Id, r => (r.GetGuid(0), r.GetInt64(1)));
        var balances = kept.ToDictionary(k => k.Item1, k => k.Item2);
        var problems = new ProblemList();
        foreach (var unit in community.Units)
        {
            var expected = unit.BalanceFen - charged.GetValueOrDefault(unit.Id);
            if (!balances.TryGetValue(unit.Id, out var balance))
            {
                problems.Add("ledgers missing", unit.Id.ToString());
            }
            else if (balance != expected)
            {
                problems.Add("balances that did not drop by exactly the unit's shares", $"{unit.Id}: {balance}, seeded {unit.BalanceFen} − charged {charged.GetValueOrDefault(unit.Id)} = {expected}");
            }
        }

        if (balances.Count != community.Units.Count)
        {
            problems.Add("ledgers the seed did not open", $"{balances.Count} ledgers for {community.Units.Count} units");
        }

        var before = community.Units.Sum(u => u.BalanceFen);
        return new AuditLine($"ledgers of {community.Name}",
            $"{balances.Count:N0} balances, {before:N0} fen before, {balances.Values.Sum():N0} after, {charged.Values.Sum():N0} charged", problems.Lines());
    }

    private static async Task<AuditLine> CheckTopUpsAsync(NpgsqlConnection connection, SeededCommunity community, IReadOnlyDictionary<Guid, long> charged)
    {
        var open = await ReadAsync(connection, "SELECT unit_id FROM top_up_demands WHERE community_id = $1 AND settled_at IS NULL", community.Id, r => r.GetGuid(0));
        var events = await ReadAsync(connection, $"SELECT count(*) FROM outbox_messages WHERE type = '{typeof(TopUpDemanded).FullName}' AND payload->>'communityId' = $1::text",
            community.Id, r => r.GetInt64(0));
        // Balances only fall here, so a ledger below the threshold at the end was taken below it by a posting, which demanded a top-up.
        var due = community.Units
            .Where(u => charged.ContainsKey(u.Id) && DepositRule.TopUpDue(u.BalanceFen - charged[u.Id], u.InitialDepositFen, DepositRule.DefaultTopUpThresholdPercent))
            .Select(u => u.Id).ToHashSet();
        var problems = new ProblemList();
        foreach (var unit in open.GroupBy(u => u).Where(g => g.Count() > 1))
        {
            problems.Add("units asked twice", unit.Key.ToString());
        }

        foreach (var unit in due.Where(u => !open.Contains(u)))
        {
            problems.Add("ledgers below the threshold never asked to top up", unit.ToString());
        }

        foreach (var unit in open.Where(u => !due.Contains(u)))
        {
            problems.Add("top-ups demanded of ledgers above the threshold", unit.ToString());
        }

        if (events.Single() != open.Count)
        {
            problems.Add("demands without exactly one TopUpDemanded event", $"{events.Single()} events for {open.Count} demands");
        }

        return new AuditLine($"top-ups of {community.Name}", $"{open.Count} open demands, {due.Count} ledgers below {DepositRule.DefaultTopUpThresholdPercent}% of their deposit",
            problems.Lines());
    }

    private static async Task<AuditLine> CheckEventsAsync(NpgsqlConnection connection, SeededCommunity community, IReadOnlyList<Posting> postings)
    {
        var events = await ReadAsync(connection,
            $"SELECT (payload->>'transactionId')::uuid FROM outbox_messages WHERE type = '{typeof(DisbursementMade).FullName}' AND payload->>'communityId' = $1::text",
            community.Id, r => r.GetGuid(0));
        var problems = new ProblemList();
        if (events.Count != postings.Count || !events.ToHashSet().SetEquals(postings.Select(p => p.TransactionId)))
        {
            problems.Add("postings without exactly one DisbursementMade outbox row", $"{events.Count} events for {postings.Count} postings");
        }

        return new AuditLine($"events of {community.Name}", $"{events.Count} DisbursementMade for {postings.Count} postings", problems.Lines());
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string sql, Guid communityId, Func<NpgsqlDataReader, T> read)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(communityId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Each kind of problem once, with its count and a few examples.</summary>
    private sealed class ProblemList
    {
        private readonly Dictionary<string, List<string>> _byKind = [];

        public void Add(string kind, string example)
        {
            if (!_byKind.TryGetValue(kind, out var examples))
            {
                _byKind[kind] = examples = [];
            }

            examples.Add(example);
        }

        public void AddRange(string kind, IEnumerable<string> examples)
        {
            foreach (var example in examples)
            {
                Add(kind, example);
            }
        }

        public IReadOnlyList<string> Lines() =>
            _byKind.Select(p => $"{p.Value.Count} {p.Key}, e.g. {string.Join("; ", p.Value.Take(3))}").ToList();
    }
}
