using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.Funds.Api.Deposits;
using Platform.Funds.Api.Ledgers;
using Platform.Funds.Domain.Ledgers;
using Platform.TestKit;

namespace Platform.Funds.Tests;

/// <summary>Ledgers opened with their units, deposits on them, statements and who reads them.</summary>
public sealed class LedgerTests(FundsHost funds) : FundsTest(funds)
{
    private static readonly SemaphoreSlim RatesOnce = new(1, 1);
    private static bool _rated;

    private Task<long> Count(string table, string where = "true") => Sql.CountAsync(Funds.Host.DatabaseConnectionString, table, where);

    /// <summary>This year's rates, set once for the class: ledgers are assessed by the rate of the year they open.</summary>
    private async Task Rates()
    {
        await RatesOnce.WaitAsync();
        try
        {
            if (!_rated)
            {
                foreach (var (type, rate) in new[] { ("MultiStorey", 2_000L), ("HighRise", 3_000L), ("NonResidential", 4_000L) })
                {
                    var response = await Funds.Client.PostAsJsonAsync("/api/funds/v1/deposit-rates", new { year = DateTime.UtcNow.Year, buildingType = type, rateFenPerSquareMetre = rate });
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                }

                _rated = true;
            }
        }
        finally
        {
            RatesOnce.Release();
        }
    }

    /// <summary>A high-rise home of 88.88 m², classed and so assessed at 266,640 fen.</summary>
    private async Task<(Guid Community, Guid Unit, Guid Owner)> AssessedHome(Guid? company = null)
    {
        await Rates();
        var community = await Funds.Community(company);
        var building = Guid.NewGuid();
        var owner = Guid.NewGuid();
        var unit = await Funds.Unit(community, owner, 88.88m, building);
        var classified = await Funds.Client.PutAsJsonAsync($"/api/funds/v1/buildings/{building}/type", new { buildingType = "HighRise" });
        Assert.Equal(HttpStatusCode.OK, classified.StatusCode);
        Assert.Equal(1, (await classified.Content.ReadFromJsonAsync<BuildingClassificationResponse>(FundsHost.Json))!.LedgersAssessed);
        return (community, unit, owner);
    }

    private Task<HttpResponseMessage> Deposit(Guid unit, string kind, long amountFen, string? reference = null) =>
        Funds.Client.PostAsJsonAsync($"/api/funds/v1/units/{unit}/deposits",
            new { kind, amountFen, bankReference = reference ?? $"ICBC-{Guid.NewGuid():N}"[..24], depositedOn = CountyCalendar.Today.AddDays(-1) });

    private async Task<UnitLedgerStatementResponse> Statement(Guid unit, HttpClient? client = null) =>
        (await (client ?? Funds.Client).GetFromJsonAsync<UnitLedgerStatementResponse>($"/api/funds/v1/units/{unit}/ledger", FundsHost.Json))!;

    [Fact]
    public async Task A_registered_unit_gets_its_ledger_assessed_by_its_class_and_this_years_rate()
    {
        await Rates();
        var community = await Funds.Community();
        var building = Guid.NewGuid();
        var home = await Funds.Unit(community, Guid.NewGuid(), 88.88m, building);
        var shop = await Funds.Unit(community, Guid.NewGuid(), 40.01m, building, UnitUse.Commercial);

        Assert.Null((await Statement(home)).Ledger.InitialDepositFen); // a home waits for its building's class
        Assert.Equal(160_040, (await Statement(shop)).Ledger.InitialDepositFen); // 40.01 × 4,000
        Assert.Equal(HttpStatusCode.OK, (await Funds.Client.PutAsJsonAsync($"/api/funds/v1/buildings/{building}/type", new { buildingType = "MultiStorey" })).StatusCode);

        var ledger = (await Statement(home)).Ledger;
        Assert.Equal((BuildingType.MultiStorey, 2_000L, 177_760L, 0L), (ledger.RatedAs, ledger.RateFenPerSquareMetre, ledger.InitialDepositFen, ledger.BalanceFen));
        Assert.Equal(2, await Count("outbox_messages", $"type = '{typeof(FundLedgerOpened).FullName}' AND payload->>'communityId' = '{community}'"));
        // Reclassed later, an assessed deposit stays as it was demanded.
        await Funds.Client.PutAsJsonAsync($"/api/funds/v1/buildings/{building}/type", new { buildingType = "HighRise" });
        Assert.Equal(177_760, (await Statement(home)).Ledger.InitialDepositFen);
    }

    [Fact]
    public async Task Deposits_credit_the_ledger_against_the_dedicated_account_up_to_the_initial_deposit_and_a_slip_books_once()
    {
        var (community, unit, _) = await AssessedHome();

        var first = await Deposit(unit, "Initial", 200_000, "ICBC-0001");
        var again = await Deposit(unit, "Initial", 200_000, "ICBC-0001");
        var over = await Deposit(unit, "Initial", 66_641);
        var rest = await Deposit(unit, "Initial", 66_640);
        var noDemand = await Deposit(unit, "TopUp", 1_000);
        var other = await Deposit(unit, "Other", 5_000);

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Created],
            new[] { first, again, over, rest, noDemand, other }.Select(r => r.StatusCode));
        Assert.EndsWith("bank_reference_used", (await ProblemResponse.ReadAsync(again)).Type);
        Assert.EndsWith("initial_deposit_exceeded", (await ProblemResponse.ReadAsync(over)).Type);
        Assert.EndsWith("no_top_up_demand", (await ProblemResponse.ReadAsync(noDemand)).Type);
        var statement = await Statement(unit);
        Assert.Equal([200_000L, 266_640L, 271_640L], statement.Entries.Select(e => e.BalanceFen));
        Assert.Equal(271_640, statement.Ledger.BalanceFen);
        Assert.Equal(3, await Count("outbox_messages", $"type = '{typeof(DepositRecorded).FullName}' AND payload->>'unitId' = '{unit}'"));
        Assert.Equal(3, await Count("journal_transactions", $"community_id = '{community}'"));
        Assert.Equal(6, await Count("journal_lines", $"transaction_id IN (SELECT id FROM journal_transactions WHERE community_id = '{community}')"));
    }

    [Fact]
    public async Task A_units_ledger_is_read_by_its_owner_and_county_departments_only()
    {
        var company = Guid.NewGuid();
        var (community, unit, owner) = await AssessedHome(company);
        Assert.Equal(HttpStatusCode.Created, (await Deposit(unit, "Initial", 1_000)).StatusCode);

        using var asOwner = Funds.As(TestTokens.ForOwner(owner));
        using var asOtherOwner = Funds.As(TestTokens.ForOwner(Guid.NewGuid()));
        using var asCompany = Funds.As(TestTokens.For(OrganisationTypes.PropertyCompany, company, Scopes.FundsRead));
        using var asFinance = Funds.As(TestTokens.For(OrganisationTypes.Finance, null, Scopes.FundsRead));

        Assert.Equal(1_000, (await Statement(unit, asOwner)).Ledger.BalanceFen);
        Assert.Equal(1_000, (await Statement(unit, asFinance)).Ledger.BalanceFen);
        Assert.Equal(HttpStatusCode.NotFound, (await asOtherOwner.GetAsync($"/api/funds/v1/units/{unit}/ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asCompany.GetAsync($"/api/funds/v1/units/{unit}/ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asCompany.GetAsync($"/api/funds/v1/communities/{community}/ledgers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asOwner.PostAsJsonAsync($"/api/funds/v1/units/{unit}/deposits",
            new { kind = "Other", amountFen = 1, bankReference = "X", depositedOn = "2026-01-01" })).StatusCode);
        using var township = Funds.As(TestTokens.For(OrganisationTypes.Township, Guid.NewGuid(), Scopes.FundsWrite));
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync("/api/funds/v1/deposit-rates",
            new { year = 2031, buildingType = "HighRise", rateFenPerSquareMetre = 1 })).StatusCode);
    }

    [Fact]
    public async Task Every_funds_list_answers_a_page_with_its_total_and_names_a_bad_offset_or_limit()
    {
        var (community, first, _) = await AssessedHome();
        var second = await Funds.Unit(community, Guid.NewGuid(), 50m, Guid.NewGuid());

        var page = (await Funds.Client.GetFromJsonAsync<Page<UnitLedgerResponse>>(
            $"/api/funds/v1/communities/{community}/ledgers?offset=1&limit=1", FundsHost.Json))!;

        Assert.Equal((2, 1, 1), (page.Total, page.Offset, page.Limit));
        Assert.Contains(Assert.Single(page.Items).UnitId, new[] { first, second });
        string[] lists =
        [
            $"/api/funds/v1/communities/{community}/ledgers", $"/api/funds/v1/communities/{community}/repair-projects",
            "/api/funds/v1/misuse-flags", "/api/funds/v1/bank-reconciliations", "/api/funds/v1/disbursements",
            "/public/funds/v1/deposit-rates",
        ];
        foreach (var list in lists)
        {
            var pageOfOne = await Funds.Client.GetAsync($"{list}?limit=1");
            Assert.Equal(HttpStatusCode.OK, pageOfOne.StatusCode);
            Assert.Equal(1, (await pageOfOne.Content.ReadFromJsonAsync<Page<object>>(FundsHost.Json))!.Limit);
            foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=501", "limit"), ("offset=-1", "offset") })
            {
                var refused = await Funds.Client.GetAsync($"{list}?{query}");
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.True((await ProblemResponse.ReadAsync(refused)).Errors!.ContainsKey(field), $"{list}?{query} names {field}");
            }
        }
    }

    [Fact]
    public async Task The_owners_share_of_public_income_from_Fees_is_credited_to_the_community_sub_ledger_once()
    {
        var community = await Funds.Community();
        var transfer = new PublicIncomeTransferredToFund(Guid.NewGuid(), community, 12_345, DateTimeOffset.UtcNow);

        await Funds.Publish(transfer);
        await Funds.Publish(transfer with { }); // the same transfer delivered again, as a new message
        await Eventually.Until(async () => await Count("journal_transactions", $"source_reference = 'fees-transfer:{transfer.TransferId}'") == 1,
            TimeSpan.FromSeconds(30), "the transfer in the fund journal");
        await Task.Delay(500);

        Assert.Equal(1, await Count("journal_transactions", $"community_id = '{community}'"));
        Assert.Equal(1, await Count("journal_lines", $"account = 'community:{community}:public-income' AND credit_fen = 12345"));
    }

    [Fact]
    public async Task On_resale_the_ledger_stays_with_the_unit_and_passes_to_the_new_owner()
    {
        var (community, unit, seller) = await AssessedHome();
        Assert.Equal(HttpStatusCode.Created, (await Deposit(unit, "Initial", 266_640)).StatusCode);
        var buyer = Guid.NewGuid();

        await Funds.Publish(new OwnershipTransferred(unit, community, seller, buyer, false, CountyCalendar.Today, DateTimeOffset.UtcNow));
        await Eventually.Until(async () => await Count("registry_unit_owners", $"unit_id = '{unit}' AND owner_id = '{buyer}'") == 1, TimeSpan.FromSeconds(30), "the sale in funds");

        using var asBuyer = Funds.As(TestTokens.ForOwner(buyer));
        using var asSeller = Funds.As(TestTokens.ForOwner(seller));
        var statement = await Statement(unit, asBuyer);
        Assert.Equal((266_640L, 266_640L), (statement.Ledger.BalanceFen, statement.Ledger.InitialDepositFen!.Value));
        Assert.Single(statement.Entries);
        Assert.Equal(HttpStatusCode.NotFound, (await asSeller.GetAsync($"/api/funds/v1/units/{unit}/ledger")).StatusCode);
        Assert.Equal(1, await Count("unit_ledgers", $"unit_id = '{unit}'"));
    }

    public static TheoryData<string, string> BadDeposits => new()
    {
        { """{"kind":"Initial","amountFen":-1,"bankReference":"R","depositedOn":"2026-01-01"}""", "amountFen" },
        { """{"kind":"Initial","amountFen":1.5,"bankReference":"R","depositedOn":"2026-01-01"}""", "amountFen" },
        { """{"kind":"Gift","amountFen":100,"bankReference":"R","depositedOn":"2026-01-01"}""", "kind" },
        { """{"kind":"Other","amountFen":100,"depositedOn":"2026-01-01"}""", "bankReference" },
        { """{"kind":"Other","amountFen":100,"bankReference":"R","depositedOn":"2999-01-01"}""", "depositedOn" },
        { """{"kind":"Other","amountFen":100,"bankReference":"R"}""", "depositedOn" },
    };

    [Theory]
    [MemberData(nameof(BadDeposits))]
    public async Task A_bad_deposit_is_a_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var (community, unit, _) = await AssessedHome();
        Task<long> Written() => Task.WhenAll(Count("journal_transactions", $"community_id = '{community}'"),
            Count("outbox_messages", $"type = '{typeof(DepositRecorded).FullName}' AND payload->>'unitId' = '{unit}'")).ContinueWith(t => t.Result.Sum());
        var before = await Written();

        var response = await Funds.Client.PostAsync($"/api/funds/v1/units/{unit}/deposits", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        Assert.Equal(before, await Written());
        Assert.Equal(HttpStatusCode.NotFound, (await Deposit(Guid.NewGuid(), "Other", 1)).StatusCode);
    }
}
