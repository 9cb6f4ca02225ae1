using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Disclosures;
using Platform.BuildingBlocks.Hosting;
using Platform.Contracts.Events;
using Platform.Funds.Api.Disclosures;
using Platform.Funds.Api.Misuse;
using Platform.Funds.Api.Reconciliation;
using Platform.Funds.Api.Journal;
using Platform.Funds.Api.Repairs;
using Platform.Contracts.Kernel.Periods;
using Platform.TestKit;

namespace Platform.Funds.Tests;

/// <summary>Fund accounts disclosed as immutable public versions, late disclosure flagged, and the bank's statement reconciled.</summary>
public sealed class FundDisclosureTests(FundsHost funds) : FundsTest(funds)
{
    private Task<long> Count(string table, string where = "true") => Sql.CountAsync(Funds.Host.DatabaseConnectionString, table, where);

    private Task<HttpResponseMessage> Deposit(Guid unit, long amountFen, string reference, DateOnly? on = null) =>
        Funds.Client.PostAsJsonAsync($"/api/funds/v1/units/{unit}/deposits",
            new { kind = "Other", amountFen, bankReference = reference, depositedOn = on ?? CountyCalendar.Today });

    [Fact]
    public async Task A_fund_disclosure_shows_totals_only_is_read_by_anyone_and_a_republish_is_the_next_version()
    {
        var community = await Funds.Community();
        var unit = await Funds.Unit(community, Guid.NewGuid(), 90m, Guid.NewGuid());
        var month = BillingPeriod.Of(CountyCalendar.Today);
        Assert.Equal(HttpStatusCode.Created, (await Deposit(unit, 50_000, $"FD-{Guid.NewGuid():N}")).StatusCode);
        var body = new { from = month.ToString(), to = month.ToString() };

        var first = await Funds.Client.PostAsJsonAsync($"/api/funds/v1/communities/{community}/fund-disclosures", body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var v1 = (await first.Content.ReadFromJsonAsync<DisclosureResponse>(FundsHost.Json))!;
        var content = JsonSerializer.Deserialize<FundDisclosureContent>(v1.Content, FundsHost.Json)!;
        Assert.Equal((1, 50_000L), (content.UnitLedgers, content.UnitLedgersFen));
        Assert.Equal((JournalKind.OtherDeposit, 1, 50_000L, 0L), (content.Movements.Single().Kind, content.Movements.Single().Transactions, content.Movements.Single().InFen, content.Movements.Single().OutFen));
        Assert.DoesNotContain(unit.ToString(), v1.Content);

        Assert.Equal(HttpStatusCode.Created, (await Deposit(unit, 1_000, $"FD-{Guid.NewGuid():N}")).StatusCode);
        var v2 = (await (await Funds.Client.PostAsJsonAsync($"/api/funds/v1/communities/{community}/fund-disclosures", body)).Content
            .ReadFromJsonAsync<DisclosureResponse>(FundsHost.Json))!;
        using var anonymous = Funds.Host.CreateHttpClient();
        var read = (await anonymous.GetFromJsonAsync<DisclosureResponse>($"/public/funds/v1/fund-disclosures/{v1.Id}", FundsHost.Json))!;
        var listed = (await anonymous.GetFromJsonAsync<Page<DisclosureSummaryResponse>>(
            $"/public/funds/v1/communities/{community}/fund-disclosures", FundsHost.Json))!.Items;

        Assert.Equal((2, 51_000L), (v2.Version, JsonSerializer.Deserialize<FundDisclosureContent>(v2.Content, FundsHost.Json)!.UnitLedgersFen));
        Assert.Equal((v1.Content, v1.ContentHash), (read.Content, read.ContentHash));
        Assert.Equal(v1.ContentHash, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(read.Content))));
        Assert.Equal([2, 1], listed.Select(d => d.Version));
        Assert.Equal(2, await Count("outbox_messages", $"type = '{typeof(FundDisclosurePublished).FullName}' AND payload->>'communityId' = '{community}'"));
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            Sql.ExecuteAsync(Funds.Host.OwnerConnectionString, $"UPDATE fund_disclosures SET content = '{{}}' WHERE id = '{v1.Id}'"));
        Assert.Contains("append-only", refused.MessageText);
    }

    [Fact]
    public async Task A_community_not_disclosing_its_quarter_by_the_deadline_is_flagged_once_and_a_disclosed_one_is_not()
    {
        var (late, onTime) = (await Funds.Community(), await Funds.Community());
        await Funds.Unit(late, Guid.NewGuid(), 50m, Guid.NewGuid());
        await Funds.Unit(onTime, Guid.NewGuid(), 50m, Guid.NewGuid());
        var clock = Funds.Host.Clock;
        clock.Advance(TimeSpan.FromDays(130)); // this quarter ends and its 30 days pass
        try
        {
            var due = DisclosurePeriod.LastDueQuarter(clock.Today, 30);
            Assert.Equal(HttpStatusCode.Created, (await Funds.Client.PostAsJsonAsync($"/api/funds/v1/communities/{onTime}/fund-disclosures", new { quarter = due.ToString() })).StatusCode);

            Assert.True(await Review() >= 1);
            Assert.Equal(0, await Review());

            var flags = (await Funds.Client.GetFromJsonAsync<Page<MisuseFlagResponse>>("/api/funds/v1/misuse-flags?limit=500",
                FundsHost.Json))!.Items;
            var flag = Assert.Single(flags, f => f.CommunityId == late);
            Assert.Equal(MisuseKind.LateDisclosure, flag.Kind);
            Assert.Contains(due.ToString(), flag.Evidence);
            Assert.DoesNotContain(flags, f => f.CommunityId == onTime);
        }
        finally
        {
            clock.Reset();
        }

        async Task<int> Review()
        {
            await using var scope = Funds.Host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<LateFundDisclosureReview>().FlagAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_banks_statement_is_matched_against_the_journal_and_every_difference_listed()
    {
        var community = await Funds.Community();
        var unit = await Funds.Unit(community, Guid.NewGuid(), 70m, Guid.NewGuid());
        var day = new DateOnly(2021, 3, 15); // a day no other test books on
        var (same, differs, unbooked) = ($"R-{Guid.NewGuid():N}"[..20], $"R-{Guid.NewGuid():N}"[..20], $"R-{Guid.NewGuid():N}"[..20]);
        var notOnStatement = $"R-{Guid.NewGuid():N}"[..20];
        foreach (var (reference, fen) in new[] { (same, 10_000L), (differs, 20_000L), (notOnStatement, 5_000L) })
        {
            Assert.Equal(HttpStatusCode.Created, (await Deposit(unit, fen, reference, day)).StatusCode);
        }

        var csv = $"date,reference,amountFen\n2021-03-15,{same},10000\n2021-03-15,{differs},20001\n2021-03-15,{unbooked},777\n";
        var response = await Funds.Client.PostAsync("/api/funds/v1/bank-reconciliations", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<ReconciliationResponse>(FundsHost.Json))!;
        Assert.Equal((3, 1), (result.StatementLines, result.Matched));
        Assert.Equal(
            [(DifferenceKind.MissingFromJournal, unbooked, (long?)777, (long?)null), (DifferenceKind.MissingFromStatement, notOnStatement, null, 5_000),
             (DifferenceKind.AmountDiffers, differs, 20_001, 20_000)],
            result.Differences.Select(d => (d.Kind, d.Reference, d.StatementFen, d.JournalFen)).OrderBy(d => d.Kind == DifferenceKind.AmountDiffers).ThenBy(d => d.Kind));
        Assert.Equal(1, await Count("bank_reconciliations", $"id = '{result.Id}'"));
    }

    [Fact]
    public async Task The_same_Idempotency_Key_with_another_statement_is_refused_not_replayed()
    {
        var key = Guid.NewGuid().ToString();
        var reference = $"R-{Guid.NewGuid():N}"[..20];
        var statement = $"date,reference,amountFen\n2021-03-16,{reference},100\n";
        var another = $"date,reference,amountFen\n2021-03-16,{reference},200\n";
        var before = await Count("bank_reconciliations");

        var first = await Reconcile(statement, key);
        var replayed = await Reconcile(statement, key);
        var reused = await Reconcile(another, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.EndsWith("/idempotency-key-reused", (await ProblemResponse.ReadAsync(reused)).Type);
        Assert.Equal(before + 1, await Count("bank_reconciliations"));
    }

    [Fact]
    public async Task A_statement_of_the_most_lines_allowed_reconciles_and_one_line_more_is_refused()
    {
        // A body of about 0.6 MiB: far more than one read buffer, within the 1 MiB a request may carry.
        var run = Guid.NewGuid().ToString("N")[..6];
        var lines = Enumerable.Range(0, BankStatement.MaxLines).Select(i => $"2021-03-17,{run}{i:00000},{i + 1}\n");
        var statement = "date,reference,amountFen\n" + string.Concat(lines);

        var most = await Reconcile(statement);
        var tooMany = await Reconcile(statement + "2021-03-17,one-more,1\n");

        Assert.Equal(HttpStatusCode.Created, most.StatusCode);
        var reconciled = (await most.Content.ReadFromJsonAsync<ReconciliationResponse>(FundsHost.Json))!;
        Assert.Equal(BankStatement.MaxLines, reconciled.StatementLines);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(["statement"], (await ProblemResponse.ReadAsync(tooMany)).Errors!.Keys);
    }

    private async Task<HttpResponseMessage> Reconcile(string csv, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/funds/v1/bank-reconciliations")
        {
            Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Funds.Client.SendAsync(request);
    }

    [Theory]
    [InlineData("day,ref,fen\n2021-01-01,X,1\n", "statement")]
    [InlineData("date,reference,amountFen\n", "statement")]
    [InlineData("date,reference,amountFen\n2021-13-01,X,1\n", "lines[2].date")]
    [InlineData("date,reference,amountFen\n2021-01-01,X,1.5\n", "lines[2].amountFen")]
    [InlineData("date,reference,amountFen\n2021-01-01,,1\n", "lines[2].reference")]
    [InlineData("date,reference,amountFen\n2021-01-01,X\n", "lines[2]")]
    public async Task A_bad_statement_is_a_400_naming_the_line_and_writes_nothing(string csv, string field)
    {
        var before = await Count("bank_reconciliations");

        var response = await Funds.Client.PostAsync("/api/funds/v1/bank-reconciliations", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        Assert.Equal(before, await Count("bank_reconciliations"));
    }
}
