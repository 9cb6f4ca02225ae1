using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.BuildingBlocks.Disclosures;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.Fees.Api.Disclosures;
using Platform.Fees.Api.Standards;
using Platform.TestKit;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Fees.Tests;

/// <summary>Disclosures as immutable public versions, the overdue list and price-quality mismatches for Market Regulation.</summary>
public sealed class DisclosureTests(FeesHost fees) : IClassFixture<FeesHost>
{
    private const int Year = 2025; // its third quarter has ended whenever these tests run

    private const string Overdue = "/api/fees/v1/disclosures/overdue?limit=500";

    private static readonly SemaphoreSlim BandOnce = new(1, 1);
    private static bool _banded;

    private Task<long> Count(string table, string where = "true") => Sql.CountAsync(fees.Host.DatabaseConnectionString, table, where);

    private HttpClient MarketRegulation => fees.As(TestTokens.For(OrganisationTypes.MarketRegulation, null, Scopes.FeesRead));

    private async Task<Guid> PricedCommunity(Guid? company = null)
    {
        await BandOnce.WaitAsync();
        try
        {
            if (!_banded)
            {
                using var pricing = fees.As(TestTokens.WithDefaults(OrganisationTypes.DevelopmentAndReform));
                Assert.Equal(HttpStatusCode.Created, (await pricing.PostAsJsonAsync("/api/fees/v1/price-bands",
                    new { year = Year, starLevel = 3, use = "Residential", baseFen = 150, floatPercent = 20 })).StatusCode);
                _banded = true;
            }
        }
        finally
        {
            BandOnce.Release();
        }

        var community = await fees.Community(starLevel: 3, propertyCompanyId: company);
        Assert.Equal(HttpStatusCode.Created, (await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/fee-standards",
            new { use = "Residential", rateFen = 150, effectiveFrom = $"{Year}-07" })).StatusCode);
        return community;
    }

    private async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task Income(Guid community, string kind, string source, long amountFen, string occurredOn) =>
        Ok(fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/public-income",
            new { kind, source, amountFen, description = "台账", occurredOn }));

    private Task<HttpResponseMessage> Publish(Guid community, object body) =>
        fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/disclosures", body);

    [Fact]
    public async Task A_published_disclosure_is_an_immutable_version_anyone_reads_and_a_republish_is_the_next_version()
    {
        var community = await PricedCommunity();
        var unit = await fees.Unit(community, Guid.NewGuid(), 100.01m); // 15,002 fen a month
        await Ok(fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/utility-charges",
            new { utility = "Water", period = $"{Year}-09", amountFen = 333, meterReference = "公共水表 1" }));
        foreach (var month in new[] { "07", "08", "09" })
        {
            await Ok(fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/bill-runs", new { period = $"{Year}-{month}" }));
        }

        await Ok(fees.Client.PostAsJsonAsync($"/api/fees/v1/units/{unit}/payments", new { amountFen = 20_000, method = "BankTransfer", reference = "B-1" }));
        await Income(community, "Income", "VenueRental", 50_000, $"{Year}-08-10");
        await Income(community, "Expense", "Maintenance", 2_000, $"{Year}-09-01");
        await Income(community, "Income", "ElevatorAdvertising", 9_999, $"{Year}-10-01"); // the next quarter's

        var first = await Publish(community, new { quarter = $"{Year}-Q3" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var v1 = (await first.Content.ReadFromJsonAsync<DisclosureResponse>(FeesHost.Json))!;
        Assert.Equal(($"{Year}-Q3", 1, true), (v1.Period, v1.Version, v1.IsQuarterly));
        var content = JsonSerializer.Deserialize<DisclosureContent>(v1.Content, FeesHost.Json)!;
        Assert.Equal([(15_002L, 0L, 0L), (15_002L, 0L, 10_004L), (15_335L, 0L, 15_335L)],
            content.Billing.Select(m => (m.BilledFen, m.AdjustedFen, m.OutstandingFen)));
        Assert.Equal(20_000, content.Billing.Sum(m => m.CollectedFen));
        Assert.Equal((50_000L, 2_000L, 48_000L, 48_000L), (content.PublicIncome.IncomeFen, content.PublicIncome.ExpenseFen, content.PublicIncome.NetFen, content.PublicIncome.OwnersShareFen));
        Assert.Equal((333L, 1), (content.UtilityCharges.Single().AmountFen, content.UtilityCharges.Single().Units));
        Assert.Equal((150L, $"{Year}-07"), (content.FeeStandards.Single().RateFen, content.FeeStandards.Single().EffectiveFrom));
        Assert.DoesNotContain(unit.ToString(), v1.Content); // aggregates only

        // Anyone reads it without a token, exactly as published, and can check its hash.
        using var anonymous = fees.Host.CreateHttpClient();
        var read = (await anonymous.GetFromJsonAsync<DisclosureResponse>($"/public/fees/v1/disclosures/{v1.Id}", FeesHost.Json))!;
        Assert.Equal((v1.Content, v1.ContentHash), (read.Content, read.ContentHash));
        Assert.Equal(v1.ContentHash, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(read.Content))));

        // A late entry for the quarter: publishing again is version 2; version 1 stays as it was.
        await Income(community, "Income", "NoticeBoardAdvertising", 1_000, $"{Year}-09-20");
        var v2 = (await (await Publish(community, new { quarter = $"{Year}-Q3" })).Content.ReadFromJsonAsync<DisclosureResponse>(FeesHost.Json))!;
        Assert.Equal(2, v2.Version);
        Assert.Equal(49_000, JsonSerializer.Deserialize<DisclosureContent>(v2.Content, FeesHost.Json)!.PublicIncome.NetFen);
        var again = (await anonymous.GetFromJsonAsync<DisclosureResponse>($"/public/fees/v1/disclosures/{v1.Id}", FeesHost.Json))!;
        Assert.Equal((v1.Content, v1.ContentHash), (again.Content, again.ContentHash));
        var listed = (await anonymous.GetFromJsonAsync<Page<DisclosureSummaryResponse>>($"/public/fees/v1/communities/{community}/disclosures", FeesHost.Json))!.Items;
        Assert.Equal([2, 1], listed.Select(d => d.Version));
        Assert.Equal(2, await Count("outbox_messages", $"type = '{typeof(DisclosurePublished).FullName}' AND payload->>'communityId' = '{community}'"));

        // Not even SQL changes a published version.
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            Sql.ExecuteAsync(fees.Host.OwnerConnectionString, $"UPDATE disclosures SET content = '{{}}' WHERE id = '{v1.Id}'"));
        Assert.Contains("append-only", refused.MessageText);
    }

    [Fact]
    public async Task A_quarter_is_published_only_after_it_ends_and_a_range_of_months_on_demand_any_time()
    {
        var community = await PricedCommunity();
        var current = DisclosurePeriod.QuarterOf(BillingPeriod.Of(CountyCalendar.Today));

        var early = await Publish(community, new { quarter = current.ToString() });
        var onDemand = await Publish(community, new { from = current.From.ToString(), to = current.To.ToString() });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.EndsWith("quarter_not_ended", (await ProblemResponse.ReadAsync(early)).Type);
        Assert.Equal(HttpStatusCode.Created, onDemand.StatusCode);
        var published = (await onDemand.Content.ReadFromJsonAsync<DisclosureResponse>(FeesHost.Json))!;
        Assert.Equal(($"{current.From}..{current.To}", false), (published.Period, published.IsQuarterly));
    }

    [Fact]
    public async Task Market_Regulation_lists_a_community_overdue_for_its_quarter_until_it_publishes()
    {
        var company = Guid.NewGuid();
        var community = await PricedCommunity(company);
        var due = DisclosurePeriod.LastDueQuarter(CountyCalendar.Today, 30);

        var before = (await MarketRegulation.GetFromJsonAsync<Page<OverdueDisclosureResponse>>(Overdue, FeesHost.Json))!.Items;
        await Ok(Publish(community, new { quarter = due.ToString() }));
        var after = (await MarketRegulation.GetFromJsonAsync<Page<OverdueDisclosureResponse>>(Overdue, FeesHost.Json))!.Items;

        var listed = Assert.Single(before, o => o.CommunityId == community);
        Assert.Equal((due.ToString(), due.DueBy(30), company), (listed.Quarter, listed.DueBy, listed.PropertyCompanyId));
        Assert.DoesNotContain(after, o => o.CommunityId == community);
        using var asCompany = fees.As(TestTokens.For(OrganisationTypes.PropertyCompany, company, Scopes.FeesRead));
        Assert.Equal(HttpStatusCode.Forbidden, (await asCompany.GetAsync("/api/fees/v1/disclosures/overdue")).StatusCode);
    }

    public static TheoryData<string, string> BadDisclosures => new()
    {
        { """{"quarter":"2025-Q5"}""", "quarter" },
        { """{"quarter":"2025Q3"}""", "quarter" },
        { """{"quarter":"2025-Q3","from":"2025-07","to":"2025-09"}""", "quarter" },
        { """{}""", "quarter" },
        { """{"from":"2025-7","to":"2025-09"}""", "from" },
        { """{"from":"2025-09","to":"2025-07"}""", "to" },
        { """{"from":"2024-01","to":"2025-01"}""", "to" },
    };

    [Theory]
    [MemberData(nameof(BadDisclosures))]
    public async Task A_bad_disclosure_request_is_a_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var community = await fees.Community();
        var before = await Count("disclosures") + await Count("outbox_messages");

        var response = await fees.Client.PostAsync($"/api/fees/v1/communities/{community}/disclosures", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        Assert.Equal(before, await Count("disclosures") + await Count("outbox_messages"));
        Assert.Equal(HttpStatusCode.NotFound, (await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{Guid.NewGuid()}/disclosures", new { quarter = "2025-Q3" })).StatusCode);
    }

    [Fact]
    public async Task A_standard_left_outside_its_band_by_a_lower_star_level_is_flagged_to_Market_Regulation_once()
    {
        var year = DateTime.UtcNow.Year; // the review checks the standards in force this month against this year's bands
        using var pricing = fees.As(TestTokens.WithDefaults(OrganisationTypes.DevelopmentAndReform));
        await Ok(pricing.PostAsJsonAsync("/api/fees/v1/price-bands", new { year, starLevel = 4, use = "Commercial", baseFen = 300, floatPercent = 10 }));
        await Ok(pricing.PostAsJsonAsync("/api/fees/v1/price-bands", new { year, starLevel = 2, use = "Commercial", baseFen = 200, floatPercent = 10 }));
        var community = await fees.Community(starLevel: 4);
        var standard = (await (await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/fee-standards",
            new { use = "Commercial", rateFen = 300, effectiveFrom = $"{year}-01" })).Content.ReadFromJsonAsync<SetFeeStandardResponse>(FeesHost.Json))!.Standard;

        Assert.Equal(0, await Review());
        await fees.Publish(new CommunityStarLevelRated(community, 2, 4, new DateOnly(year, 1, 1), DateTimeOffset.UtcNow));
        await Eventually.Until(async () => await Count("registry_communities", $"id = '{community}' AND star_level = 2") == 1,
            TimeSpan.FromSeconds(30), "the lower star level in fees' registry copy");
        Assert.Equal(1, await Review());
        Assert.Equal(0, await Review());

        var flags = (await MarketRegulation.GetFromJsonAsync<Page<PriceQualityMismatchResponse>>(
            $"/api/fees/v1/price-quality-mismatches?communityId={community}", FeesHost.Json))!.Items;
        var flag = Assert.Single(flags);
        Assert.Equal((standard.Id, 300L, 2, 180L, 220L), (flag.FeeStandardId, flag.RateFen, flag.StarLevel, flag.BandLowestFen, flag.BandHighestFen));
        Assert.Equal(1, await Count("outbox_messages", $"type = '{typeof(PriceQualityMismatchFlagged).FullName}' AND payload->>'communityId' = '{community}'"));
        Assert.Equal(1, await Count("fee_standards", $"community_id = '{community}' AND rate_fen = 300")); // the contract is flagged, not changed

        async Task<int> Review()
        {
            await using var scope = fees.Host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PriceQualityReview>().FlagAsync(CancellationToken.None);
        }
    }
}
