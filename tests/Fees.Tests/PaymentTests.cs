using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.BuildingBlocks.Checkpoints;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.Fees.Api.Billing;
using Platform.Fees.Api.Payments;
using Platform.TestKit;

namespace Platform.Fees.Tests;

/// <summary>Payments settle bills oldest first, never more than owed, reversals are new entries, arrears are listed.</summary>
public sealed class PaymentTests(FeesHost fees) : IClassFixture<FeesHost>
{
    private static int _year = 2060;

    private Task<long> Count(string table, string where = "true") => Sql.CountAsync(fees.Host.DatabaseConnectionString, table, where);

    /// <summary>A unit billed for three months at 100 fen/m² on 50 m²: 5,000 fen a month.</summary>
    private async Task<(Guid Community, Guid Unit, Guid Owner, int Year)> BilledUnit(Guid? company = null)
    {
        var year = Interlocked.Increment(ref _year);
        using var pricing = fees.As(TestTokens.WithDefaults(OrganisationTypes.DevelopmentAndReform));
        Assert.Equal(HttpStatusCode.Created, (await pricing.PostAsJsonAsync("/api/fees/v1/price-bands",
            new { year, starLevel = 3, use = "Residential", baseFen = 100, floatPercent = 10 })).StatusCode);
        var community = await fees.Community(starLevel: 3, propertyCompanyId: company);
        Assert.Equal(HttpStatusCode.Created, (await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/fee-standards",
            new { use = "Residential", rateFen = 100, effectiveFrom = $"{year}-01" })).StatusCode);
        var owner = Guid.NewGuid();
        var unit = await fees.Unit(community, owner, 50m);
        foreach (var month in new[] { "01", "02", "03" })
        {
            Assert.Equal(HttpStatusCode.Created, (await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/bill-runs", new { period = $"{year}-{month}" })).StatusCode);
        }

        return (community, unit, owner, year);
    }

    private Task<HttpResponseMessage> Pay(Guid unit, long amountFen, HttpClient? client = null) =>
        (client ?? fees.Client).PostAsJsonAsync($"/api/fees/v1/units/{unit}/payments", new { amountFen, method = "WeChatPay", reference = $"WX{Guid.NewGuid():N}"[..20] });

    private async Task<UnitStatementResponse> Statement(Guid unit) =>
        (await fees.Client.GetFromJsonAsync<UnitStatementResponse>($"/api/fees/v1/units/{unit}/statement", FeesHost.Json))!;

    [Fact]
    public async Task A_partial_payment_settles_the_oldest_bill_first_and_the_next_one_continues_from_there()
    {
        var (_, unit, _, _) = await BilledUnit();

        var first = (await (await Pay(unit, 7_000)).Content.ReadFromJsonAsync<PaymentResponse>(FeesHost.Json))!;
        var second = (await (await Pay(unit, 4_000)).Content.ReadFromJsonAsync<PaymentResponse>(FeesHost.Json))!;

        var statement = await Statement(unit);
        var bills = statement.Bills.OrderBy(b => b.Period).Select(b => b.Id).ToList();
        Assert.Equal([(bills[0], 5_000L), (bills[1], 2_000L)], first.Allocations.Select(a => (a.BillId, a.AmountFen)));
        Assert.Equal([(bills[1], 3_000L), (bills[2], 1_000L)], second.Allocations.Select(a => (a.BillId, a.AmountFen)));
        Assert.Equal((15_000L, 11_000L, 4_000L), (statement.BilledFen, statement.PaidFen, statement.OwedFen));
        Assert.Equal(first.Hash, Assert.Single(statement.Payments, p => p.Position == 1).Hash);
        Assert.Equal(2, await Count("outbox_messages", $"type = 'Platform.Contracts.Events.PaymentRecorded' AND payload->>'unitId' = '{unit}'"));
    }

    [Fact]
    public async Task A_payment_rewritten_by_the_tables_owner_without_the_chain_key_is_named_by_verify_ledgers()
    {
        var (_, unit, _, _) = await BilledUnit();
        Assert.Equal(HttpStatusCode.Created, (await Pay(unit, 5_000)).StatusCode);
        var victim = (await (await Pay(unit, 4_000)).Content.ReadFromJsonAsync<PaymentResponse>(FeesHost.Json))!;
        Assert.Equal(ServiceHost<Api.Program>.TestChainKeyId, await Sql.ScalarAsync(fees.Host.DatabaseConnectionString,
            $"SELECT chain_key_id FROM payments WHERE id = '{victim.Id}'"));

        // The owner's rewrite: the trigger off, the reference changed and a new link made the only way it can be without the key.
        await Tamper($"""
            UPDATE payments SET reference = 'FORGED', hash = upper(encode(sha256(convert_to(previous_hash || '|forged', 'UTF8')), 'hex'))
            WHERE id = '{victim.Id}';
            """);
        var command = await fees.Host.RunCommandAsync("verify-ledgers", TimeSpan.FromSeconds(60));
        await Tamper($"UPDATE payments SET reference = '{victim.Reference}', hash = '{victim.Hash}' WHERE id = '{victim.Id}';");
        var restored = await fees.Host.RunCommandAsync("verify-ledgers", TimeSpan.FromSeconds(60));

        Assert.True(command.ExitCode == 1, command.Output);
        Assert.Contains($"payment {victim.Id} (unit {unit}, position 2) does not match its hash", command.Output);
        Assert.True(restored.ExitCode == 0, restored.Output);

        Task Tamper(string sql) => Sql.ExecuteAsync(fees.Host.OwnerConnectionString, $"""
            ALTER TABLE payments DISABLE TRIGGER payments_append_only;
            {sql}
            ALTER TABLE payments ENABLE TRIGGER payments_append_only;
            """);
    }

    [Fact]
    public async Task A_unit_s_payments_rewritten_and_re_chained_with_plain_SHA256_by_the_owner_fail_against_the_published_checkpoint()
    {
        var (_, unit, _, _) = await BilledUnit();
        Assert.Equal(HttpStatusCode.Created, (await Pay(unit, 5_000)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Pay(unit, 4_000)).StatusCode);
        var checkpoint = await fees.Host.Services.GetRequiredService<CheckpointIssuer>().IssueAsync(CancellationToken.None);
        Assert.NotNull(checkpoint);

        // Published to anyone, signed with a published key.
        using var anonymous = fees.Host.CreateHttpClient();
        var published = (await anonymous.GetFromJsonAsync<Page<CheckpointResponse>>("/public/fees/v1/checkpoints", FeesHost.Json))!;
        var keys = await anonymous.GetFromJsonAsync<List<CheckpointKey>>("/public/fees/v1/checkpoints/keys", FeesHost.Json);
        var key = Assert.Single(keys!);
        var latest = published.Items[0];
        using var verifier = System.Security.Cryptography.ECDsa.Create();
        verifier.ImportFromPem(key.PublicKeyPem);
        Assert.Equal((checkpoint.Sequence, checkpoint.KeyId), (latest.Sequence, key.KeyId));
        Assert.True(verifier.VerifyData(System.Text.Encoding.UTF8.GetBytes(latest.Content), Convert.FromBase64String(latest.Signature),
            System.Security.Cryptography.HashAlgorithmName.SHA256));
        Assert.Contains("\"ledger\":\"payments\"", latest.Content);

        // The owner's rewrite without the key: the first payment's reference changed, then the unit's whole chain re-linked with
        // plain SHA-256 and no key id, as links were made before keys — so the chain verifies on its own.
        List<Payment> original;
        await using (var scope = fees.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Api.Infrastructure.FeesDbContext>();
            original = await db.Payments.IgnoreQueryFilters().AsNoTracking().Include(p => p.Allocations).Where(p => p.UnitId == unit)
                .OrderBy(p => p.Position).ToListAsync();
        }

        var previous = Platform.BuildingBlocks.Data.HashChain.Genesis;
        var rewrite = new List<string>();
        foreach (var payment in original)
        {
            var fields = payment.LinkedFields();
            fields[5] = payment.Position == 1 ? "FORGED" : payment.Reference;
            var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(string.Join('|', fields.Prepend(previous)))));
            rewrite.Add($"UPDATE payments SET reference = '{fields[5]}', previous_hash = '{previous}', hash = '{hash}', " +
                $"chain_key_id = NULL WHERE id = '{payment.Id}';");
            previous = hash;
        }

        await Tamper(string.Join('\n', rewrite));
        IReadOnlyList<string> chainsAlone;
        await using (var scope = fees.Host.Services.CreateAsyncScope())
        {
            var chains = ActivatorUtilities.CreateInstance<FeeLedgerChains>(scope.ServiceProvider);
            chainsAlone = await chains.FindViolationsAsync(CancellationToken.None);
        }

        var command = await fees.Host.RunCommandAsync("verify-ledgers", TimeSpan.FromSeconds(60));
        await Tamper(string.Join('\n', original.Select(p =>
            $"UPDATE payments SET reference = '{p.Reference}', previous_hash = '{p.PreviousHash}', hash = '{p.Hash}', " +
            $"chain_key_id = '{p.ChainKeyId}' WHERE id = '{p.Id}';")));
        var restored = await fees.Host.RunCommandAsync("verify-ledgers", TimeSpan.FromSeconds(60));

        Assert.DoesNotContain(chainsAlone, v => v.Contains(unit.ToString(), StringComparison.Ordinal));
        Assert.True(command.ExitCode == 1, command.Output);
        Assert.Contains($"chain {unit} of the payments: its record at 2 carries", command.Output);
        Assert.Contains($"published in checkpoint {checkpoint.Sequence}: it was rewritten after it was published", command.Output);
        Assert.True(restored.ExitCode == 0, restored.Output);

        Task Tamper(string sql) => Sql.ExecuteAsync(fees.Host.OwnerConnectionString, $"""
            ALTER TABLE payments DISABLE TRIGGER payments_append_only;
            {sql}
            ALTER TABLE payments ENABLE TRIGGER payments_append_only;
            """);
    }

    [Fact]
    public async Task A_published_checkpoint_changed_by_the_owner_no_longer_carries_a_valid_signature()
    {
        var (_, unit, _, _) = await BilledUnit();
        Assert.Equal(HttpStatusCode.Created, (await Pay(unit, 5_000)).StatusCode);
        var checkpoint = (await fees.Host.Services.GetRequiredService<CheckpointIssuer>().IssueAsync(CancellationToken.None))!;
        var sequence = $"\"sequence\":{checkpoint.Sequence}";
        var forged = checkpoint.Content.Replace(sequence, sequence + " ", StringComparison.Ordinal);

        await Tamper($"UPDATE chain_checkpoints SET content = '{forged}' WHERE id = '{checkpoint.Id}';");
        var command = await fees.Host.RunCommandAsync("verify-ledgers", TimeSpan.FromSeconds(60));
        await Tamper($"UPDATE chain_checkpoints SET content = '{checkpoint.Content}' WHERE id = '{checkpoint.Id}';");

        Assert.True(command.ExitCode == 1, command.Output);
        Assert.Contains($"checkpoint {checkpoint.Sequence} does not carry a valid signature of a published key", command.Output);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(fees.Host.DatabaseConnectionString,
            $"DELETE FROM chain_checkpoints WHERE id = '{checkpoint.Id}'"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);

        Task Tamper(string sql) => Sql.ExecuteAsync(fees.Host.OwnerConnectionString, $"""
            ALTER TABLE chain_checkpoints DISABLE TRIGGER chain_checkpoints_append_only;
            {sql}
            ALTER TABLE chain_checkpoints ENABLE TRIGGER chain_checkpoints_append_only;
            """);
    }

    [Fact]
    public async Task Concurrent_payments_on_one_account_never_allocate_more_than_is_owed()
    {
        var (_, unit, _, _) = await BilledUnit();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Pay(unit, 6_000)));

        // 15,000 owed: two payments of 6,000 fit, the rest would overpay.
        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(6, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(3_000, (await Statement(unit)).OwedFen);
        Assert.Equal(0, await Count(
            $"(SELECT b.id FROM payment_allocations a JOIN bills b ON b.id = a.bill_id WHERE b.unit_id = '{unit}' GROUP BY b.id HAVING sum(a.amount_fen) > max(b.amount_fen)) AS overpaid"));
    }

    [Fact]
    public async Task A_reversal_is_a_new_negative_entry_that_reopens_the_bills_and_cannot_be_repeated()
    {
        var (_, unit, _, _) = await BilledUnit();
        var payment = (await (await Pay(unit, 10_000)).Content.ReadFromJsonAsync<PaymentResponse>(FeesHost.Json))!;

        var reversed = await fees.Client.PostAsJsonAsync($"/api/fees/v1/payments/{payment.Id}/reversal", new { reason = "银行退票" });
        var again = await fees.Client.PostAsJsonAsync($"/api/fees/v1/payments/{payment.Id}/reversal", new { reason = "重复" });

        Assert.Equal(HttpStatusCode.Created, reversed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var statement = await Statement(unit);
        Assert.Equal([10_000L, -10_000L], statement.Payments.Select(p => p.AmountFen));
        Assert.Equal(15_000, statement.OwedFen);
        Assert.Equal(1, await Count("payments", $"unit_id = '{unit}' AND position = 2 AND previous_hash = '{statement.Payments[0].Hash}'"));
        var reversal = (await reversed.Content.ReadFromJsonAsync<PaymentResponse>(FeesHost.Json))!;
        var notReversible = await fees.Client.PostAsJsonAsync($"/api/fees/v1/payments/{reversal.Id}/reversal", new { reason = "x" });
        Assert.Equal(HttpStatusCode.Conflict, notReversible.StatusCode);
    }

    [Fact]
    public async Task The_arrears_list_shows_who_owes_since_when_to_the_serving_company_and_not_to_another()
    {
        var company = Guid.NewGuid();
        var (community, unit, _, year) = await BilledUnit(company);
        Assert.Equal(HttpStatusCode.Created, (await Pay(unit, 5_000)).StatusCode);

        using var asCompany = fees.As(TestTokens.For(OrganisationTypes.PropertyCompany, company, Scopes.FeesRead));
        using var asOther = fees.As(TestTokens.For(OrganisationTypes.PropertyCompany, Guid.NewGuid(), Scopes.FeesRead));
        var arrears = await asCompany.GetFromJsonAsync<Page<ArrearsResponse>>($"/api/fees/v1/communities/{community}/arrears", FeesHost.Json);

        var line = Assert.Single(arrears!.Items);
        Assert.Equal((unit, 10_000L, $"{year}-02", 2), (line.UnitId, line.OwedFen, line.OldestUnpaidPeriod, line.UnpaidBills));
        Assert.Equal(HttpStatusCode.NotFound, (await asOther.GetAsync($"/api/fees/v1/communities/{community}/arrears")).StatusCode);
    }

    [Fact]
    public async Task After_a_transfer_the_new_owner_sees_only_their_own_bills_and_payments_and_the_old_owner_not_the_unit()
    {
        var company = Guid.NewGuid();
        var (community, unit, previous, year) = await BilledUnit(company);
        Assert.Equal(HttpStatusCode.Created, (await Pay(unit, 15_000)).StatusCode);
        var next = Guid.NewGuid();
        await fees.Publish(new Platform.Contracts.Events.OwnershipTransferred(
            unit, community, previous, next, false, new DateOnly(year, 4, 1), DateTimeOffset.UtcNow));
        await Eventually.Until(async () => await Count("registry_unit_owners", $"unit_id = '{unit}' AND owner_id = '{next}'") == 1,
            TimeSpan.FromSeconds(30), "the transfer in fees' registry copy");
        var april = await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/bill-runs", new { period = $"{year}-04" });
        Assert.Equal(HttpStatusCode.Created, april.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Pay(unit, 2_000)).StatusCode);
        using var asNext = fees.As(TestTokens.ForOwner(next));
        using var asPrevious = fees.As(TestTokens.ForOwner(previous));
        using var asCompany = fees.As(TestTokens.For(OrganisationTypes.PropertyCompany, company, Scopes.FeesRead));
        var path = $"/api/fees/v1/units/{unit}/statement";

        var theirs = (await asNext.GetFromJsonAsync<UnitStatementResponse>(path, FeesHost.Json))!;

        Assert.Equal([$"{year}-04"], theirs.Bills.Select(b => b.Period));
        Assert.Equal([2_000L], theirs.Payments.Select(p => p.AmountFen));
        Assert.Equal((5_000L, 2_000L, 3_000L), (theirs.BilledFen, theirs.PaidFen, theirs.OwedFen));
        Assert.Equal(HttpStatusCode.NotFound, (await asPrevious.GetAsync(path)).StatusCode);
        var companys = (await asCompany.GetFromJsonAsync<UnitStatementResponse>(path, FeesHost.Json))!;
        foreach (var whole in new[] { await Statement(unit), companys })
        {
            Assert.Equal(4, whole.Bills.Count);
            Assert.Equal([15_000L, 2_000L], whole.Payments.Select(p => p.AmountFen));
        }
    }

    [Fact]
    public async Task Of_the_owners_only_the_sitting_committee_reads_the_arrears_list()
    {
        var (community, unit, owner, _) = await BilledUnit();
        var member = Guid.NewGuid();
        await fees.Unit(community, member, 60m);
        var today = CountyCalendar.Today;
        using var asMember = fees.As(TestTokens.ForOwner(member));
        using var asOwner = fees.As(TestTokens.ForOwner(owner));
        var arrears = $"/api/fees/v1/communities/{community}/arrears";
        Assert.Equal(HttpStatusCode.Forbidden, (await asMember.GetAsync(arrears)).StatusCode);

        await fees.Publish(new Platform.Contracts.Events.OwnersCommitteeElected(community, Guid.NewGuid(), Guid.NewGuid(), 3, today.AddDays(-1), today.AddYears(5),
            [member, Guid.NewGuid(), Guid.NewGuid()], DateTimeOffset.UtcNow));
        await Eventually.Until(async () => (await asMember.GetAsync(arrears)).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the committee's seats in fees");

        var list = (await asMember.GetFromJsonAsync<Page<ArrearsResponse>>(arrears, FeesHost.Json))!.Items;
        Assert.Equal(15_000, Assert.Single(list, l => l.UnitId == unit).OwedFen);
        var refused = await asOwner.GetAsync(arrears);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.EndsWith("arrears_for_committee", (await ProblemResponse.ReadAsync(refused)).Type);
    }

    [Fact]
    public async Task An_owner_sees_their_payments_but_cannot_record_one_and_bad_payments_write_nothing()
    {
        var (_, unit, owner, _) = await BilledUnit();
        Assert.Equal(HttpStatusCode.Created, (await Pay(unit, 1_000)).StatusCode);
        using var asOwner = fees.As(TestTokens.ForOwner(owner));
        Assert.Single((await asOwner.GetFromJsonAsync<UnitStatementResponse>($"/api/fees/v1/units/{unit}/statement", FeesHost.Json))!.Payments);
        Assert.Equal(HttpStatusCode.Forbidden, (await Pay(unit, 1_000, asOwner)).StatusCode);

        var before = await Count("payments") + await Count("payment_allocations") + await Count("outbox_messages");
        foreach (var (body, field) in new (string, string)[]
                 {
                     ("""{"amountFen":0,"method":"Cash","reference":"R1"}""", "amountFen"),
                     ("""{"amountFen":-100,"method":"Cash","reference":"R1"}""", "amountFen"),
                     ("""{"amountFen":10.5,"method":"Cash","reference":"R1"}""", "amountFen"),
                     ("""{"amountFen":100,"method":"Barter","reference":"R1"}""", "method"),
                     ("""{"amountFen":100,"method":"Cash"}""", "reference"),
                     ("""{"amountFen":100,"method":"Cash","reference":"R1","paidAt":"2999-01-01T00:00:00Z"}""", "paidAt"),
                 })
        {
            var response = await fees.Client.PostAsync($"/api/fees/v1/units/{unit}/payments", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        }

        var overpaid = await Pay(unit, 1_000_000);
        Assert.Equal(HttpStatusCode.Conflict, overpaid.StatusCode);
        Assert.EndsWith("payment_exceeds_owed", (await ProblemResponse.ReadAsync(overpaid)).Type);
        Assert.Equal(before, await Count("payments") + await Count("payment_allocations") + await Count("outbox_messages"));
    }
    private Task<HttpResponseMessage> Batch(Guid community, object payments) =>
        fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/payment-batches", new { payments });

    private async Task<long> Booked() => await Count("payments") + await Count("payment_allocations") + await Count("outbox_messages");

    [Fact]
    public async Task A_collection_file_books_every_payment_oldest_first_or_none_of_them()
    {
        var (community, first, _, year) = await BilledUnit();
        var second = await fees.Unit(community, Guid.NewGuid(), 50m);
        Assert.Equal(HttpStatusCode.Created, (await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/bill-runs", new { period = $"{year}-03" })).StatusCode);

        var booked = await Batch(community, new object[]
        {
            new { unitId = first, amountFen = 6_000, method = "BankTransfer", reference = "BANK-0001" },
            new { unitId = second, amountFen = 5_000, method = "BankTransfer", reference = "BANK-0002" },
            new { unitId = first, amountFen = 4_000, method = "BankTransfer", reference = "BANK-0003" },
        });

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var payments = (await booked.Content.ReadFromJsonAsync<List<PaymentResponse>>(FeesHost.Json))!;
        Assert.Equal([1L, 1L, 2L], payments.Select(p => p.Position));
        Assert.Equal((5_000L, 0L), ((await Statement(first)).OwedFen, (await Statement(second)).OwedFen));

        // One line over what its unit owes: the whole file is refused and nothing of it is booked.
        var before = await Booked();
        var refused = await Batch(community, new object[]
        {
            new { unitId = first, amountFen = 1_000, method = "BankTransfer", reference = "BANK-0004" },
            new { unitId = second, amountFen = 1, method = "BankTransfer", reference = "BANK-0005" },
        });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.EndsWith("batch_payment_exceeds_owed", (await ProblemResponse.ReadAsync(refused)).Type);
        Assert.Equal(before, await Booked());
        Assert.Equal(5_000, (await Statement(first)).OwedFen);
    }

    [Fact]
    public async Task A_bad_or_oversized_collection_file_is_a_400_naming_the_line_and_writes_nothing()
    {
        var (community, unit, _, _) = await BilledUnit();
        var (_, elsewhere, _, _) = await BilledUnit();
        var line = new { unitId = unit, amountFen = 1, method = "Cash", reference = "R" };
        var before = await Booked();

        foreach (var (payments, field) in new (object, string)[]
                 {
                     (Array.Empty<object>(), "payments"),
                     (Enumerable.Repeat(line, 501).ToArray(), "payments"),
                     (new object[] { line, new { unitId = unit, amountFen = -5, method = "Cash", reference = "R" } }, "payments[1].amountFen"),
                     (new object[] { new { unitId = unit, amountFen = 1, method = "Barter", reference = "R" } }, "payments[0].method"),
                     (new object[] { new { amountFen = 1, method = "Cash", reference = "R" } }, "payments[0].unitId"),
                     (new object[] { line, new { unitId = elsewhere, amountFen = 1, method = "Cash", reference = "R" } }, "payments[1].unitId"),
                 })
        {
            var response = await Batch(community, payments);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await ProblemResponse.ReadAsync(response);
            Assert.Contains(field, problem.Errors!.Keys);
            Assert.DoesNotContain(problem.Errors.Values.SelectMany(m => m), m => m.StartsWith("error.", StringComparison.Ordinal)); // worded, not a key
        }

        Assert.Equal(before, await Booked());
    }

    [Fact]
    public async Task A_payment_time_sent_with_a_Beijing_offset_is_stored_as_the_same_instant_in_UTC()
    {
        var (_, unit, _, _) = await BilledUnit();
        var sent = DateTimeOffset.UtcNow.AddHours(-1).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz");
        var paidAt = DateTimeOffset.Parse(sent, System.Globalization.CultureInfo.InvariantCulture);

        var response = await fees.Client.PostAsJsonAsync($"/api/fees/v1/units/{unit}/payments",
            new { amountFen = 5_000, method = "BankTransfer", reference = $"P-{Guid.NewGuid():N}"[..20], paidAt = sent });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var payment = (await response.Content.ReadFromJsonAsync<PaymentResponse>(FeesHost.Json))!;
        Assert.Equal(paidAt.UtcDateTime, payment.PaidAt.UtcDateTime);
        var stored = (DateTime)(await Sql.ScalarAsync(fees.Host.DatabaseConnectionString,
            $"SELECT paid_at AT TIME ZONE 'UTC' FROM payments WHERE id = '{payment.Id}'"))!;
        Assert.Equal(paidAt.UtcDateTime, stored);
    }
}
