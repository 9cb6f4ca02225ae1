using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.Fees.Api.Billing;
using Platform.Fees.Api.Standards;
using Platform.TestKit;

namespace Platform.Fees.Tests;

/// <summary>Price bands, fee standards and monthly bill runs against a real fees host.</summary>
public sealed class BillingTests(FeesHost fees) : IClassFixture<FeesHost>
{
    private static int _year = 2030;

    private Task<long> Count(string table, string where = "true") => Sql.CountAsync(fees.Host.DatabaseConnectionString, table, where);

    private HttpClient Pricing => fees.As(TestTokens.WithDefaults(OrganisationTypes.DevelopmentAndReform));

    /// <summary>Each test its own year, so bands never collide across tests of the class.</summary>
    private async Task<int> Band(int starLevel, long baseFen, int floatPercent, string use = "Residential", int? inYear = null)
    {
        var year = inYear ?? Interlocked.Increment(ref _year);
        var response = await Pricing.PostAsJsonAsync("/api/fees/v1/price-bands", new { year, starLevel, use, baseFen, floatPercent });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return year;
    }

    private Task<HttpResponseMessage> SetStandard(HttpClient client, Guid community, long rateFen, int year, string use = "Residential") =>
        client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/fee-standards", new { use, rateFen, effectiveFrom = $"{year}-01" });

    [Fact]
    public async Task A_fee_standard_is_admitted_at_the_exact_edges_of_its_star_levels_band_and_refused_beyond()
    {
        var year = await Band(starLevel: 3, baseFen: 150, floatPercent: 20);
        var community = await fees.Community(starLevel: 3);

        foreach (var rate in new long[] { 119, 181 })
        {
            var refused = await SetStandard(fees.Client, community, rate, year);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("rateFen", (await ProblemResponse.ReadAsync(refused)).Errors!.Keys);
        }

        Assert.Equal(0, await Count("fee_standards", $"community_id = '{community}'"));
        Assert.Equal(HttpStatusCode.Created, (await SetStandard(fees.Client, community, 120, year)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SetStandard(fees.Client, community, 180, year)).StatusCode);

        using var anonymous = fees.Host.CreateHttpClient();
        var published = await anonymous.GetFromJsonAsync<Page<FeeStandardResponse>>($"/public/fees/v1/communities/{community}/fee-standards", FeesHost.Json);
        Assert.Equal((2, 2), (published!.Total, published.Items.Count));
        var bands = (await anonymous.GetFromJsonAsync<Page<PriceBandResponse>>($"/public/fees/v1/price-bands?year={year}", FeesHost.Json))!.Items;
        Assert.Equal((120L, 180L), (bands.Single().LowestFen, bands.Single().HighestFen));
    }

    [Fact]
    public async Task Development_and_Reform_publishes_bands_and_never_sets_a_communitys_fee_bills_or_books_its_money()
    {
        var year = await Band(starLevel: 3, baseFen: 150, floatPercent: 20);
        var community = await fees.Community(starLevel: 3);
        var unit = await fees.Unit(community, Guid.NewGuid(), 80m);

        var standard = await SetStandard(Pricing, community, 150, year);
        var billRun = await Pricing.PostAsJsonAsync($"/api/fees/v1/communities/{community}/bill-runs", new { period = $"{year}-01" });
        var payment = await Pricing.PostAsJsonAsync($"/api/fees/v1/units/{unit}/payments", new { amountFen = 100, method = "Cash", reference = "R-1" });

        Assert.Equal(HttpStatusCode.Forbidden, standard.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, billRun.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, payment.StatusCode);
        Assert.Equal(0, await Count("fee_standards", $"community_id = '{community}'"));
        Assert.Equal(0, await Count("payments", $"unit_id = '{unit}'"));
    }

    [Fact]
    public async Task Without_a_published_band_no_standard_is_set_and_only_Development_and_Reform_publishes_bands()
    {
        var community = await fees.Community(starLevel: 5);
        var refused = await SetStandard(fees.Client, community, 150, 2099);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.EndsWith("no_price_band", (await ProblemResponse.ReadAsync(refused)).Type);

        using var housing = fees.As(TestTokens.For(OrganisationTypes.Housing, null, Scopes.FeesWrite));
        var band = await housing.PostAsJsonAsync("/api/fees/v1/price-bands", new { year = 2099, starLevel = 5, use = "Residential", baseFen = 200, floatPercent = 10 });
        Assert.Equal(HttpStatusCode.Forbidden, band.StatusCode);
        Assert.Equal(0, await Count("price_bands", "year = 2099"));
    }

    [Fact]
    public async Task A_bill_run_bills_each_unit_once_rounding_half_away_from_zero_and_a_re_run_creates_nothing()
    {
        var year = await Band(starLevel: 3, baseFen: 150, floatPercent: 20);
        await Band(starLevel: 3, baseFen: 60, floatPercent: 20, use: "ParkingSpace", inYear: year);
        var community = await fees.Community(starLevel: 3);
        Assert.Equal(HttpStatusCode.Created, (await SetStandard(fees.Client, community, 150, year)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/fee-standards",
            new { use = "ParkingSpace", rateFen = 50, effectiveFrom = $"{year}-01" })).StatusCode);
        var owner = Guid.NewGuid();
        var developer = Guid.NewGuid();
        var flat = await fees.Unit(community, owner, 100.01m);          // 15001.5 → 15002
        var small = await fees.Unit(community, owner, 33.33m);          // 4999.5 → 5000
        var unsold = await fees.Unit(community, developer, 89.50m, developer: true); // 13425, to the developer
        var space = await fees.Unit(community, owner, 12.50m, UnitUse.ParkingSpace); // 625
        await fees.Unit(community, owner, 5m, UnitUse.Storage);        // no standard for storage: not billed

        var first = await Run(community, $"{year}-03");
        var second = await Run(community, $"{year}-03");

        Assert.Equal((4, 15002L + 5000 + 13425 + 625), (first.BillsCreated, first.AmountFen));
        Assert.Equal((0, 0L), (second.BillsCreated, second.AmountFen));
        Assert.Equal(4, await Count("bills", $"community_id = '{community}'"));
        Assert.Equal(4, await Count("outbox_messages", $"type = 'Platform.Contracts.Events.BillIssued' AND payload->>'communityId' = '{community}'"));
        var statement = await fees.Client.GetFromJsonAsync<UnitStatementResponse>($"/api/fees/v1/units/{unsold}/statement", FeesHost.Json);
        var bill = Assert.Single(statement!.Bills);
        Assert.Equal((developer, 13425L), (bill.PayerOwnerId, bill.AmountFen));
        Assert.Equal(BillItemKind.PropertyFee, Assert.Single(bill.Items).Kind);
        var spaceBill = (await fees.Client.GetFromJsonAsync<UnitStatementResponse>($"/api/fees/v1/units/{space}/statement", FeesHost.Json))!.Bills.Single();
        Assert.Equal(BillItemKind.ParkingSpaceManagementFee, spaceBill.Items.Single().Kind);
        Assert.Equal(15002, (await fees.Client.GetFromJsonAsync<UnitStatementResponse>($"/api/fees/v1/units/{flat}/statement", FeesHost.Json))!.BilledFen);
        Assert.Equal(5000, (await fees.Client.GetFromJsonAsync<UnitStatementResponse>($"/api/fees/v1/units/{small}/statement", FeesHost.Json))!.BilledFen);
    }

    [Fact]
    public async Task An_owner_reads_only_their_own_statement_and_a_company_only_its_communities()
    {
        var year = await Band(starLevel: 2, baseFen: 100, floatPercent: 10);
        var company = Guid.NewGuid();
        var community = await fees.Community(starLevel: 2, propertyCompanyId: company);
        Assert.Equal(HttpStatusCode.Created, (await SetStandard(fees.Client, community, 100, year)).StatusCode);
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        var alicesUnit = await fees.Unit(community, alice, 90m);
        await fees.Unit(community, bob, 80m);
        await Run(community, $"{year}-01");

        using var asAlice = fees.As(TestTokens.ForOwner(alice));
        using var asBob = fees.As(TestTokens.ForOwner(bob));
        using var asCompany = fees.As(TestTokens.For(OrganisationTypes.PropertyCompany, company, Scopes.FeesRead));
        using var asOtherCompany = fees.As(TestTokens.For(OrganisationTypes.PropertyCompany, Guid.NewGuid(), Scopes.FeesRead));
        var own = await asAlice.GetFromJsonAsync<UnitStatementResponse>($"/api/fees/v1/units/{alicesUnit}/statement", FeesHost.Json);
        Assert.Equal(9000, own!.BilledFen);
        Assert.Equal(HttpStatusCode.NotFound, (await asBob.GetAsync($"/api/fees/v1/units/{alicesUnit}/statement")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asOtherCompany.GetAsync($"/api/fees/v1/units/{alicesUnit}/statement")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asCompany.GetAsync($"/api/fees/v1/units/{alicesUnit}/statement")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asAlice.PostAsJsonAsync($"/api/fees/v1/communities/{community}/bill-runs", new { period = $"{year}-02" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asOtherCompany.GetAsync($"/api/fees/v1/communities/{community}/bill-runs")).StatusCode);
    }

    [Fact]
    public async Task A_bill_run_replayed_with_its_Idempotency_Key_returns_the_first_result()
    {
        var year = await Band(starLevel: 1, baseFen: 80, floatPercent: 10);
        var community = await fees.Community(starLevel: 1);
        Assert.Equal(HttpStatusCode.Created, (await SetStandard(fees.Client, community, 80, year)).StatusCode);
        await fees.Unit(community, Guid.NewGuid(), 50m);
        var key = Guid.NewGuid().ToString();

        var first = await Send(key);
        var replay = await Send(key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, await Count("bill_runs", $"community_id = '{community}'"));

        Task<HttpResponseMessage> Send(string idempotencyKey)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/fees/v1/communities/{community}/bill-runs") { Content = JsonContent.Create(new { period = $"{year}-05" }) };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            return fees.Client.SendAsync(request);
        }
    }

    public static TheoryData<string, string, string> BadInput => new()
    {
        { "/api/fees/v1/communities/{community}/bill-runs", """{"period":"2026-13"}""", "period" },
        { "/api/fees/v1/communities/{community}/bill-runs", """{"period":"202611"}""", "period" },
        { "/api/fees/v1/communities/{community}/bill-runs", """{}""", "period" },
        { "/api/fees/v1/communities/{community}/fee-standards", """{"use":"Residential","rateFen":-5,"effectiveFrom":"2026-01"}""", "rateFen" },
        { "/api/fees/v1/communities/{community}/fee-standards", """{"use":"Residential","rateFen":1.5,"effectiveFrom":"2026-01"}""", "rateFen" },
        { "/api/fees/v1/communities/{community}/fee-standards", """{"use":"Castle","rateFen":100,"effectiveFrom":"2026-01"}""", "use" },
        // No fee for collecting water, power or gas on a utility's behalf (代收手续费) can be set: there is no such use.
        { "/api/fees/v1/communities/{community}/fee-standards", """{"use":"UtilityCollectionHandlingFee","rateFen":100,"effectiveFrom":"2026-01"}""", "use" },
        { "/api/fees/v1/communities/{community}/fee-standards", """{"use":"Residential","rateFen":100,"effectiveFrom":"2026/01"}""", "effectiveFrom" },
        { "/api/fees/v1/price-bands", """{"year":2026,"starLevel":6,"use":"Residential","baseFen":100,"floatPercent":10}""", "starLevel" },
        { "/api/fees/v1/price-bands", """{"year":2026,"starLevel":3,"use":"Residential","baseFen":0,"floatPercent":10}""", "baseFen" },
        { "/api/fees/v1/price-bands", """{"year":2026,"starLevel":3,"use":"Residential","baseFen":100,"floatPercent":101}""", "floatPercent" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_a_400_naming_the_field_and_writes_nothing(string path, string body, string field)
    {
        var community = await fees.Community();
        var before = await Written();
        var client = path.EndsWith("/price-bands", StringComparison.Ordinal) ? Pricing : fees.Client;

        var response = await client.PostAsync(path.Replace("{community}", community.ToString()), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        Assert.Equal(before, await Written());
    }

    [Fact]
    public async Task Billing_an_unknown_community_is_404_and_writes_nothing()
    {
        var before = await Written();
        var response = await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{Guid.NewGuid()}/bill-runs", new { period = "2026-01" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await Written());
    }

    private async Task<long> Written() =>
        await Count("price_bands") + await Count("fee_standards") + await Count("bill_runs") + await Count("bills") + await Count("outbox_messages");

    private async Task<BillRunResponse> Run(Guid community, string period)
    {
        var response = await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/bill-runs", new { period });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BillRunResponse>(FeesHost.Json))!;
    }
}
