using System.Net;
using System.Net.Http.Json;
using Platform.Contracts.Events;
using Platform.Funds.Api.Journal;
using Platform.Funds.Api.Ledgers;
using Platform.Contracts.Kernel.Money;
using Platform.TestKit;

namespace Platform.Funds.Tests;

/// <summary>Interest allocated county-wide by balance, and public income spread by area: exact to the fen. A class of its own, since interest reaches every ledger.</summary>
public sealed class InterestTests(FundsHost funds) : FundsTest(funds)
{
    private Task<HttpResponseMessage> Deposit(Guid unit, long amountFen) =>
        Funds.Client.PostAsJsonAsync($"/api/funds/v1/units/{unit}/deposits",
            new { kind = "Other", amountFen, bankReference = $"I-{Guid.NewGuid():N}", depositedOn = CountyCalendar.Today });

    private async Task<long> Balance(Guid unit) =>
        (await Funds.Client.GetFromJsonAsync<UnitLedgerStatementResponse>($"/api/funds/v1/units/{unit}/ledger", FundsHost.Json))!.Ledger.BalanceFen;

    private async Task<long> InterestTo(Guid community, string reference)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Funds.Host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"SELECT coalesce(sum(l.debit_fen), 0)::bigint FROM journal_lines l JOIN journal_transactions t ON t.id = l.transaction_id WHERE t.source_reference = 'interest:{reference}:{community}' AND l.account = 'bank'",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> InterestTotal(string reference)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Funds.Host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"SELECT coalesce(sum(l.credit_fen), 0)::bigint FROM journal_lines l JOIN journal_transactions t ON t.id = l.transaction_id WHERE t.source_reference LIKE 'interest:{reference}:%'",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<long> SubLedger(Guid community, long fen) =>
        Sql.CountAsync(Funds.Host.DatabaseConnectionString, "journal_lines", $"account = 'community:{community}:public-income' AND credit_fen = {fen}");

    [Fact]
    public async Task Interest_goes_to_every_ledger_by_balance_and_public_income_spreads_by_area_both_summing_exactly()
    {
        var (a, b) = (await Funds.Community(), await Funds.Community());
        var a1 = await Funds.Unit(a, Guid.NewGuid(), 60m, Guid.NewGuid());
        var a2 = await Funds.Unit(a, Guid.NewGuid(), 40m, Guid.NewGuid());
        var b1 = await Funds.Unit(b, Guid.NewGuid(), 70m, Guid.NewGuid());
        foreach (var (unit, fen) in new[] { (a1, 30_000L), (a2, 10_000L), (b1, 40_000L) })
        {
            Assert.Equal(HttpStatusCode.Created, (await Deposit(unit, fen)).StatusCode);
        }

        await Funds.Publish(new PublicIncomeTransferredToFund(Guid.NewGuid(), a, 20_000, DateTimeOffset.UtcNow));
        await Eventually.Until(async () => await SubLedger(a, 20_000) == 1, TimeSpan.FromSeconds(30), "the public income in the fund");

        var reference = $"INT-{Guid.NewGuid():N}"[..20];
        var interest = new { amountFen = 1_001, bankReference = reference, creditedOn = CountyCalendar.Today };
        var allocated = await Funds.Client.PostAsJsonAsync("/api/funds/v1/interest-allocations", interest);
        var again = await Funds.Client.PostAsJsonAsync("/api/funds/v1/interest-allocations", interest);

        Assert.Equal(HttpStatusCode.Created, allocated.StatusCode);
        Assert.Equal("largest-remainder-by-balance", (await allocated.Content.ReadFromJsonAsync<InterestAllocationResponse>(FundsHost.Json))!.Rule);
        Assert.EndsWith("bank_reference_used", (await ProblemResponse.ReadAsync(again)).Type);
        // Other test classes' communities may hold money in this database too (every host hears every event), so each
        // community's share is read from the journal; within a community the split by balance is exact.
        var shareOfA = await InterestTo(a, reference);
        var shareOfB = await InterestTo(b, reference);
        var expected = Apportionment.ByWeight(shareOfA, [(a1, 30_000L), (a2, 10_000L), (a, 20_000L)]).ToDictionary(x => x.UnitId, x => x.AmountFen);
        Assert.Equal(new[] { 30_000 + expected[a1], 10_000 + expected[a2], 40_000 + shareOfB }, await Task.WhenAll(Balance(a1), Balance(a2), Balance(b1)));
        Assert.Equal(1, await SubLedger(a, expected[a]));
        Assert.Equal(1_001, await InterestTotal(reference));
        Assert.True(shareOfA * 4 >= shareOfB * 6 - 4 && shareOfA * 4 <= shareOfB * 6 + 4, $"A {shareOfA}, B {shareOfB}: their balances are 60,000 : 40,000");

        // More than A's sub-ledger holds is refused; 10,001 spreads 60 : 40 by area as 6,001 and 4,000.
        var (before1, before2) = (await Balance(a1), await Balance(a2));
        var tooMuch = await Funds.Client.PostAsJsonAsync($"/api/funds/v1/communities/{a}/public-income/spread", new { amountFen = 20_001 + expected[a], description = "分摊到户" });
        var spread = await Funds.Client.PostAsJsonAsync($"/api/funds/v1/communities/{a}/public-income/spread", new { amountFen = 10_001, description = "分摊到户" });

        Assert.EndsWith("public_income_exceeded", (await ProblemResponse.ReadAsync(tooMuch)).Type);
        Assert.Equal(HttpStatusCode.Created, spread.StatusCode);
        Assert.Equal(new[] { before1 + 6_001, before2 + 4_000 }, await Task.WhenAll(Balance(a1), Balance(a2)));
    }
}
