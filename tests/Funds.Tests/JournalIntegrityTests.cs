using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Hosting;
using Platform.Contracts.Events;
using Platform.Funds.Api.Ledgers;
using Platform.TestKit;

namespace Platform.Funds.Tests;

/// <summary>The journal under concurrent postings, tampering found and named, and rates assessing the ledgers that waited for them.</summary>
public sealed class JournalIntegrityTests(FundsHost funds) : FundsTest(funds)
{
    private Task<long> Count(string table, string where = "true") => Sql.CountAsync(Funds.Host.DatabaseConnectionString, table, where);

    private Task<HttpResponseMessage> Deposit(Guid unit, long amountFen, string reference) =>
        Funds.Client.PostAsJsonAsync($"/api/funds/v1/units/{unit}/deposits",
            new { kind = "Other", amountFen, bankReference = reference, depositedOn = CountyCalendar.Today });

    [Fact]
    public async Task Two_hundred_concurrent_deposits_and_transfers_on_one_community_keep_every_invariant()
    {
        var community = await Funds.Community();
        var units = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            units.Add(await Funds.Unit(community, Guid.NewGuid(), 50m + i, Guid.NewGuid()));
        }

        // 180 deposits (every tenth slip sent twice) and 20 transfers of public income, all at once.
        var deposits = Enumerable.Range(0, 180).Select(i => Deposit(units[i % units.Count], 100 + i, $"SLIP-{community:N}-{(i % 10 == 9 ? i - 1 : i)}"));
        var transfers = Enumerable.Range(0, 20).Select(i => Funds.Publish(new PublicIncomeTransferredToFund(Guid.NewGuid(), community, 1_000 + i, DateTimeOffset.UtcNow)));
        var answers = await Task.WhenAll(deposits);
        await Task.WhenAll(transfers);
        await Eventually.Until(async () => await Count("journal_transactions", $"community_id = '{community}' AND kind = 'PublicIncomeTransfer'") == 20,
            TimeSpan.FromSeconds(60), "every transfer in the journal");

        Assert.Equal(162, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(18, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(182, await Count("journal_transactions", $"community_id = '{community}'"));
        Assert.Equal(182, await Count("journal_transactions", $"community_id = '{community}' AND position BETWEEN 1 AND 182"));
        var verification = await Funds.Verify();
        Assert.True(verification.Holds, string.Join("\n", verification.Violations));
    }

    [Fact]
    public async Task A_journal_row_changed_in_SQL_is_found_by_the_verifier_and_the_verify_ledgers_command_which_name_it()
    {
        var community = await Funds.Community();
        var unit = await Funds.Unit(community, Guid.NewGuid(), 60m, Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, (await Deposit(unit, 10_000, $"T-{Guid.NewGuid():N}")).StatusCode);
        var tampered = (await (await Deposit(unit, 20_000, $"T-{Guid.NewGuid():N}")).Content.ReadFromJsonAsync<Api.Deposits.DepositResponse>(FundsHost.Json))!;
        Assert.Equal(HttpStatusCode.Created, (await Deposit(unit, 30_000, $"T-{Guid.NewGuid():N}")).StatusCode);

        // What a superuser could do: the trigger off, both sides of one transaction changed so it still balances.
        await Tamper($"""
            ALTER TABLE journal_lines DISABLE TRIGGER journal_lines_append_only;
            UPDATE journal_lines SET debit_fen = debit_fen + 1 WHERE transaction_id = '{tampered.TransactionId}' AND debit_fen > 0;
            UPDATE journal_lines SET credit_fen = credit_fen + 1 WHERE transaction_id = '{tampered.TransactionId}' AND credit_fen > 0;
            ALTER TABLE journal_lines ENABLE TRIGGER journal_lines_append_only;
            """);
        var found = await Funds.Verify();
        var command = await Funds.Host.RunCommandAsync("verify-ledgers", TimeSpan.FromSeconds(60));
        await Tamper($"""
            ALTER TABLE journal_lines DISABLE TRIGGER journal_lines_append_only;
            UPDATE journal_lines SET debit_fen = debit_fen - 1 WHERE transaction_id = '{tampered.TransactionId}' AND debit_fen > 0;
            UPDATE journal_lines SET credit_fen = credit_fen - 1 WHERE transaction_id = '{tampered.TransactionId}' AND credit_fen > 0;
            ALTER TABLE journal_lines ENABLE TRIGGER journal_lines_append_only;
            """);
        var restored = await Funds.Host.RunCommandAsync("verify-ledgers", TimeSpan.FromSeconds(60));

        Assert.False(found.Holds);
        Assert.True(command.ExitCode == 1, command.Output);
        Assert.Contains($"journal transaction {tampered.TransactionId}", command.Output);
        Assert.True(restored.ExitCode == 0, restored.Output);
        Assert.Contains(found.Violations, v => v.Contains($"journal transaction {tampered.TransactionId}", StringComparison.Ordinal) && v.Contains("position 2", StringComparison.Ordinal));
        Assert.Contains(found.Violations, v => v.Contains($"unit ledger {unit} keeps 60000 fen but its journal says 60001 fen", StringComparison.Ordinal));
        Assert.True((await Funds.Verify()).Holds);
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Sql.ExecuteAsync(Funds.Host.OwnerConnectionString,
            $"UPDATE journal_lines SET credit_fen = 1 WHERE transaction_id = '{tampered.TransactionId}' AND credit_fen > 0"));
        Assert.Contains("append-only", refused.MessageText);

        Task Tamper(string sql) => Sql.ExecuteAsync(Funds.Host.OwnerConnectionString, sql);
    }

    [Fact]
    public async Task A_rate_set_after_ledgers_opened_assesses_those_waiting_for_it()
    {
        var community = await Funds.Community();
        var building = Guid.NewGuid();
        var units = new[] { await Funds.Unit(community, Guid.NewGuid(), 10.01m, building, UnitUse.Office), await Funds.Unit(community, Guid.NewGuid(), 20m, building, UnitUse.Commercial) };

        var set = await Funds.Client.PostAsJsonAsync("/api/funds/v1/deposit-rates", new { year = DateTime.UtcNow.Year, buildingType = "NonResidential", rateFenPerSquareMetre = 5_000 });
        var again = await Funds.Client.PostAsJsonAsync("/api/funds/v1/deposit-rates", new { year = DateTime.UtcNow.Year, buildingType = "NonResidential", rateFenPerSquareMetre = 6_000 });

        Assert.Equal(HttpStatusCode.Created, set.StatusCode);
        // At least these two: every test class's host hears every registry event on the broker, so others may wait for it too.
        Assert.InRange((await set.Content.ReadFromJsonAsync<SetDepositRateResponse>(FundsHost.Json))!.LedgersAssessed, 2, int.MaxValue);
        Assert.EndsWith("deposit_rate_set", (await ProblemResponse.ReadAsync(again)).Type);
        var deposits = new List<long?>();
        foreach (var unit in units)
        {
            deposits.Add((await Funds.Client.GetFromJsonAsync<UnitLedgerStatementResponse>($"/api/funds/v1/units/{unit}/ledger", FundsHost.Json))!.Ledger.InitialDepositFen);
        }

        Assert.Equal([50_050L, 100_000L], deposits);
        using var anonymous = Funds.Host.CreateHttpClient();
        var rates = (await anonymous.GetFromJsonAsync<Page<DepositRateResponse>>("/public/funds/v1/deposit-rates", FundsHost.Json))!.Items;
        Assert.Equal(5_000, Assert.Single(rates).RateFenPerSquareMetre);
    }
}
