using System.Net;
using System.Net.Http.Json;
using Platform.Contracts.Events;
using Platform.Funds.Api.Journal;
using Platform.Funds.Api.Ledgers;
using Platform.TestKit;

namespace Platform.Funds.Tests;

/// <summary>Interest allocated county-wide by balance, and public income spread by area: exact to the fen. A class of its own, since interest reaches every ledger.</summary>
public sealed class InterestTests(FundsHost funds) : FundsTest(funds)
{
    private Task<HttpResponseMessage> Deposit(Guid unit, long amountFen) =>
        Funds.Client.PostAsJsonAsync($"/api/funds/v1/units/{unit}/deposits",
            new { kind = "Other", amountFen, bankReference = $"I-{Guid.NewGuid():N}", depositedOn = DateOnly.FromDateTime(DateTime.UtcNow) });

    private async Task<long> Balance(Guid unit) =>
        (await Funds.Client.GetFromJsonAsync<UnitLedgerStatementResponse>($"/api/funds/v1/units/{unit}/ledger", FundsHost.Json))!.Ledger.BalanceFen;

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

        var interest = new { amountFen = 1_001, bankReference = "INT-2026-Q3", creditedOn = DateOnly.FromDateTime(DateTime.UtcNow) };
        var allocated = await Funds.Client.PostAsJsonAsync("/api/funds/v1/interest-allocations", interest);
        var again = await Funds.Client.PostAsJsonAsync("/api/funds/v1/interest-allocations", interest);

        Assert.Equal(HttpStatusCode.Created, allocated.StatusCode);
        var allocation = (await allocated.Content.ReadFromJsonAsync<InterestAllocationResponse>(FundsHost.Json))!;
        Assert.Equal((2, 4, "largest-remainder-by-balance"), (allocation.Communities, allocation.AccountsCredited, allocation.Rule));
        Assert.EndsWith("bank_reference_used", (await ProblemResponse.ReadAsync(again)).Type);
        // 1,001 over 60,000 : 40,000 → 600.6 / 400.4 → A 601, B 400; A's 601 over 30,000 : 10,000 : 20,000 → 300.5 / 100.17 / 200.33 → 301, 100, 200.
        Assert.Equal(new[] { 30_301L, 10_100L, 40_400L }, await Task.WhenAll(Balance(a1), Balance(a2), Balance(b1)));
        Assert.Equal(1, await SubLedger(a, 200));

        // A's sub-ledger holds 20,200: more is refused; 10,001 spreads 60 : 40 by area as 6,001 and 4,000.
        var tooMuch = await Funds.Client.PostAsJsonAsync($"/api/funds/v1/communities/{a}/public-income/spread", new { amountFen = 20_201, description = "分摊到户" });
        var spread = await Funds.Client.PostAsJsonAsync($"/api/funds/v1/communities/{a}/public-income/spread", new { amountFen = 10_001, description = "分摊到户" });

        Assert.EndsWith("public_income_exceeded", (await ProblemResponse.ReadAsync(tooMuch)).Type);
        Assert.Equal(HttpStatusCode.Created, spread.StatusCode);
        Assert.Equal(new[] { 36_302L, 14_100L }, await Task.WhenAll(Balance(a1), Balance(a2)));
    }
}
