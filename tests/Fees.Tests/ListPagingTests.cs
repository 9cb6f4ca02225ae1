using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.Fees.Api.Standards;
using Platform.TestKit;

namespace Platform.Fees.Tests;

/// <summary>Every fees list is a <c>Page</c> (items, total, offset, limit) and refuses a bad offset or limit by name.</summary>
public sealed class ListPagingTests(FeesHost fees) : IClassFixture<FeesHost>
{
    private static int _year = 2060;

    private HttpClient MarketRegulation => fees.As(TestTokens.For(OrganisationTypes.MarketRegulation, null, Scopes.FeesRead));

    public static TheoryData<string> Lists() => new()
    {
        "/api/fees/v1/communities/{community}/bill-runs",
        "/api/fees/v1/communities/{community}/utility-charges",
        "/api/fees/v1/communities/{community}/arrears",
        "/api/fees/v1/communities/{community}/fee-standards",
        "/api/fees/v1/price-quality-mismatches",
        "/api/fees/v1/disclosures/overdue",
        "/public/fees/v1/price-bands",
        "/public/fees/v1/communities/{community}/fee-standards",
        "/public/fees/v1/communities/{community}/disclosures",
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_fees_list_refuses_a_negative_offset_and_a_limit_out_of_range_as_a_400_naming_the_field(string list)
    {
        var path = list.Replace("{community}", (await fees.Community()).ToString());
        var client = Client(path);

        foreach (var (query, field) in new[] { ("offset=-1", "offset"), ("limit=0", "limit"), ("limit=501", "limit") })
        {
            var response = await client.GetAsync($"{path}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        }

        var page = (await client.GetFromJsonAsync<Page<object>>($"{path}?offset=0&limit=500", FeesHost.Json))!;
        Assert.Equal((0, 500), (page.Offset, page.Limit));
    }

    [Fact]
    public async Task A_page_of_price_bands_counts_every_band_and_holds_only_its_slice()
    {
        var year = Interlocked.Increment(ref _year);
        using var pricing = fees.As(TestTokens.WithDefaults(OrganisationTypes.DevelopmentAndReform));
        foreach (var starLevel in new[] { 1, 2, 3 })
        {
            var created = await pricing.PostAsJsonAsync("/api/fees/v1/price-bands",
                new { year, starLevel, use = "Residential", baseFen = 100 * starLevel, floatPercent = 10 });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var anonymous = fees.Host.CreateHttpClient();
        var page = (await anonymous.GetFromJsonAsync<Page<PriceBandResponse>>($"/public/fees/v1/price-bands?year={year}&offset=1&limit=1",
            FeesHost.Json))!;

        Assert.Equal((3, 1, 1), (page.Total, page.Offset, page.Limit));
        Assert.Equal(2, Assert.Single(page.Items).StarLevel);
    }

    private HttpClient Client(string path) =>
        path.StartsWith("/public/", StringComparison.Ordinal) ? fees.Host.CreateHttpClient()
        : path.Contains("/overdue", StringComparison.Ordinal) || path.Contains("mismatches", StringComparison.Ordinal) ? MarketRegulation
        : fees.Client;
}
