using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.Fees.Api.Billing;
using Platform.Fees.Api.Standards;
using Platform.TestKit;

namespace Platform.Fees.Tests;

/// <summary>Common-area utility charges shared by area onto the bills, and adjustments when a standard reaches back over billed months.</summary>
public sealed class UtilityAndAdjustmentTests(FeesHost fees) : IClassFixture<FeesHost>
{
    private static int _year = 2040;

    private Task<long> Count(string table, string where = "true") => Sql.CountAsync(fees.Host.DatabaseConnectionString, table, where);

    /// <summary>A community at star level 3 with a residential standard of 150 fen/m² from January of a year of its own.</summary>
    private async Task<(Guid Community, int Year)> PricedCommunity()
    {
        var year = Interlocked.Increment(ref _year);
        using var pricing = fees.As(TestTokens.WithDefaults(OrganisationTypes.DevelopmentAndReform));
        Assert.Equal(HttpStatusCode.Created, (await pricing.PostAsJsonAsync("/api/fees/v1/price-bands",
            new { year, starLevel = 3, use = "Residential", baseFen = 150, floatPercent = 20 })).StatusCode);
        var community = await fees.Community(starLevel: 3);
        Assert.Equal(HttpStatusCode.Created, (await SetStandard(community, 150, $"{year}-01")).StatusCode);
        return (community, year);
    }

    private Task<HttpResponseMessage> SetStandard(Guid community, long rateFen, string effectiveFrom) =>
        fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/fee-standards",
            new { use = "Residential", rateFen, effectiveFrom, reason = "住建局备案：业主大会同意调整已出账月份的收费标准" });

    private Task<HttpResponseMessage> Charge(Guid community, string period, long amountFen, Guid[]? buildingIds = null) =>
        fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/utility-charges",
            new { utility = "Electricity", period, amountFen, buildingIds, meterReference = "电表 03-117, 1,284 kWh" });

    private async Task<BillRunResponse> Run(Guid community, string period)
    {
        var response = await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/bill-runs", new { period });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BillRunResponse>(FeesHost.Json))!;
    }

    private async Task<UnitStatementResponse> Statement(Guid unit) =>
        (await fees.Client.GetFromJsonAsync<UnitStatementResponse>($"/api/fees/v1/units/{unit}/statement", FeesHost.Json))!;

    [Fact]
    public async Task A_buildings_meter_charge_is_shared_by_area_summing_exactly_and_goes_onto_that_months_bills()
    {
        var (community, year) = await PricedCommunity();
        var (building, other) = (Guid.NewGuid(), Guid.NewGuid());
        var owner = Guid.NewGuid();
        var a = await fees.Unit(community, owner, 33.33m, buildingId: building);
        var b = await fees.Unit(community, Guid.NewGuid(), 33.33m, buildingId: building);
        var c = await fees.Unit(community, Guid.NewGuid(), 33.34m, buildingId: building);
        var shop = await fees.Unit(community, Guid.NewGuid(), 20.01m, UnitUse.Office, buildingId: building); // no commercial standard: billed for its share only
        var space = await fees.Unit(community, owner, 12.5m, UnitUse.ParkingSpace, buildingId: building);    // parking spaces do not share
        var elsewhere = await fees.Unit(community, Guid.NewGuid(), 90m, buildingId: other);

        var response = await Charge(community, $"{year}-02", 10_001, [building]);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var charge = (await response.Content.ReadFromJsonAsync<UtilityChargeResponse>(FeesHost.Json))!;
        Assert.Equal(10_001, charge.Shares.Sum(s => s.AmountFen));
        Assert.Equal(new[] { a, b, c, shop }.Order(), charge.Shares.Select(s => s.UnitId).Order());
        Assert.Equal("largest-remainder-by-area", charge.Rule);

        var run = await Run(community, $"{year}-02");
        Assert.Equal(5, run.BillsCreated); // four sharing units and the one elsewhere; the parking space has no standard set
        var shares = charge.Shares.ToDictionary(s => s.UnitId, s => s.AmountFen);
        foreach (var (unit, fee) in new[] { (a, 5000L), (b, 5000L), (c, 5001L) })
        {
            var bill = (await Statement(unit)).Bills.Single();
            Assert.Equal(fee + shares[unit], bill.AmountFen);
            Assert.Equal(shares[unit], bill.Items.Single(i => i.Kind == BillItemKind.SharedUtilityShare).AmountFen);
        }

        var shopBill = (await Statement(shop)).Bills.Single();
        Assert.Equal((shares[shop], BillItemKind.SharedUtilityShare), (shopBill.AmountFen, shopBill.Items.Single().Kind));
        Assert.DoesNotContain((await Statement(elsewhere)).Bills.Single().Items, i => i.Kind == BillItemKind.SharedUtilityShare);
        Assert.Empty((await Statement(space)).Bills);

        // The month is billed: a late charge for it would edit issued bills, so it is refused and writes nothing.
        var late = await Charge(community, $"{year}-02", 500);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.EndsWith("utility_period_billed", (await ProblemResponse.ReadAsync(late)).Type);
        Assert.Equal(1, await Count("utility_charges", $"community_id = '{community}'"));
    }

    [Fact]
    public async Task A_community_wide_charge_over_awkward_areas_sums_exactly()
    {
        var (community, year) = await PricedCommunity();
        var areas = new[] { 0.01m, 1.07m, 33.33m, 33.33m, 57.77m, 999.99m, 61.13m };
        foreach (var area in areas)
        {
            await fees.Unit(community, Guid.NewGuid(), area);
        }

        var amounts = new long[] { 1, 7, 99_999_997 };
        for (var month = 1; month <= amounts.Length; month++)
        {
            var response = await Charge(community, $"{year}-{month:00}", amounts[month - 1]);
            var charge = (await response.Content.ReadFromJsonAsync<UtilityChargeResponse>(FeesHost.Json))!;
            Assert.Equal(amounts[month - 1], charge.Shares.Sum(s => s.AmountFen));
            Assert.Equal(areas.Length, charge.Shares.Count);
        }
    }

    [Fact]
    public async Task A_standard_reaching_back_over_billed_months_adjusts_those_bills_with_new_entries_never_edits()
    {
        var (community, year) = await PricedCommunity();
        var unit = await fees.Unit(community, Guid.NewGuid(), 100.01m); // 150 fen: 15001.5 → 15002
        await Run(community, $"{year}-03");
        await Run(community, $"{year}-04");

        var raised = await SetStandard(community, 160, $"{year}-04"); // 16001.6 → 16002: +1000 on April only
        var lowered = await SetStandard(community, 150, $"{year}-04"); // back: −1000 on April
        var future = await SetStandard(community, 170, $"{year}-06"); // nothing billed from June: no adjustment

        var answers = new List<SetFeeStandardResponse>();
        foreach (var response in new[] { raised, lowered, future })
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            answers.Add((await response.Content.ReadFromJsonAsync<SetFeeStandardResponse>(FeesHost.Json))!);
        }

        Assert.Equal([(1, 1000L), (1, -1000L), (0, 0L)], answers.Select(a => (a.BillsAdjusted, a.AdjustedFen)));
        var statement = await Statement(unit);
        var march = statement.Bills.Single(b => b.Period == $"{year}-03");
        var april = statement.Bills.Single(b => b.Period == $"{year}-04");
        Assert.Empty(march.Adjustments);
        Assert.Equal((15_002L, 15_002L), (april.AmountFen, april.DueFen));
        Assert.Equal([1000L, -1000L], april.Adjustments.Select(x => x.AmountFen));
        Assert.Equal(2, await Count("outbox_messages", $"type = '{typeof(BillAdjusted).FullName}' AND payload->>'unitId' = '{unit}'"));

        // Raised again, the April bill asks 16,002 and the account owes exactly that more.
        Assert.Equal(HttpStatusCode.Created, (await SetStandard(community, 160, $"{year}-04")).StatusCode);
        statement = await Statement(unit);
        Assert.Equal((30_004L, 1_000L, 31_004L), (statement.BilledFen, statement.AdjustedFen, statement.OwedFen));
        var tooMuch = await fees.Client.PostAsJsonAsync($"/api/fees/v1/units/{unit}/payments", new { amountFen = 31_005, method = "Cash", reference = "R-1" });
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        var exact = await fees.Client.PostAsJsonAsync($"/api/fees/v1/units/{unit}/payments", new { amountFen = 31_004, method = "Cash", reference = "R-2" });
        Assert.Equal(HttpStatusCode.Created, exact.StatusCode);
        Assert.Equal(0, (await Statement(unit)).OwedFen);
    }

    [Fact]
    public async Task A_company_sets_a_standard_only_from_a_month_not_yet_billed_and_the_housing_bureau_records_one_with_a_reason()
    {
        var (_, year) = await PricedCommunity();
        var company = Guid.NewGuid();
        var community = await fees.Community(starLevel: 3, propertyCompanyId: company);
        using var asCompany = fees.As(TestTokens.For(OrganisationTypes.PropertyCompany, company, [.. Scopes.All]));
        var standards = $"/api/fees/v1/communities/{community}/fee-standards";
        Assert.Equal(HttpStatusCode.Created, (await asCompany.PostAsJsonAsync(standards, new { use = "Residential", rateFen = 150, effectiveFrom = $"{year}-01" })).StatusCode);
        var unit = await fees.Unit(community, Guid.NewGuid(), 100m);
        Assert.Equal(HttpStatusCode.Created, (await asCompany.PostAsJsonAsync($"/api/fees/v1/communities/{community}/bill-runs", new { period = $"{year}-03" })).StatusCode);
        var before = await Count("fee_standards", $"community_id = '{community}'") + await Count("bill_adjustments", $"community_id = '{community}'");

        var intoBilled = await asCompany.PostAsJsonAsync(standards, new { use = "Residential", rateFen = 180, effectiveFrom = $"{year}-03" });
        var beforeBilled = await asCompany.PostAsJsonAsync(standards, new { use = "Residential", rateFen = 180, effectiveFrom = $"{year}-02" });
        var withReasonAsCompany = await asCompany.PostAsJsonAsync(standards, new { use = "Residential", rateFen = 180, effectiveFrom = $"{year}-03", reason = "涨价" });
        var bureauWithoutReason = await fees.Client.PostAsJsonAsync(standards, new { use = "Residential", rateFen = 160, effectiveFrom = $"{year}-03" });

        Assert.Equal([HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.BadRequest],
            new[] { intoBilled, beforeBilled, withReasonAsCompany, bureauWithoutReason }.Select(r => r.StatusCode));
        Assert.EndsWith("standard_month_billed", (await ProblemResponse.ReadAsync(intoBilled)).Type);
        Assert.Contains("reason", (await ProblemResponse.ReadAsync(bureauWithoutReason)).Errors!.Keys);
        Assert.Equal(before, await Count("fee_standards", $"community_id = '{community}'") + await Count("bill_adjustments", $"community_id = '{community}'"));
        Assert.Equal(15_000L, (await Statement(unit)).OwedFen);

        var nextMonth = await asCompany.PostAsJsonAsync(standards, new { use = "Residential", rateFen = 170, effectiveFrom = $"{year}-04" });
        Assert.Equal(HttpStatusCode.Created, nextMonth.StatusCode);
        Assert.Equal(0, (await nextMonth.Content.ReadFromJsonAsync<SetFeeStandardResponse>(FeesHost.Json))!.BillsAdjusted);

        const string reason = "物价部门复核：三月物业费按 160 分/平方米执行";
        var recorded = await fees.Client.PostAsJsonAsync(standards, new { use = "Residential", rateFen = 160, effectiveFrom = $"{year}-03", reason });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var answer = await recorded.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 1_000L), (answer.GetProperty("billsAdjusted").GetInt32(), answer.GetProperty("adjustedFen").GetInt64()));
        Assert.Equal(reason, answer.GetProperty("standard").GetProperty("billedMonthReason").GetString());
        var id = answer.GetProperty("standard").GetProperty("id").GetString();
        var listed = (await fees.Client.GetFromJsonAsync<JsonElement>(standards)).GetProperty("items").EnumerateArray();
        Assert.Equal(reason, listed.Single(s => s.GetProperty("id").GetString() == id).GetProperty("billedMonthReason").GetString());
        Assert.Equal(16_000L, (await Statement(unit)).OwedFen);
    }

    [Fact]
    public async Task Bills_items_adjustments_and_shares_cannot_be_changed_even_with_SQL()
    {
        var (community, year) = await PricedCommunity();
        var unit = await fees.Unit(community, Guid.NewGuid(), 40m);
        Assert.Equal(HttpStatusCode.Created, (await Charge(community, $"{year}-01", 300)).StatusCode);
        await Run(community, $"{year}-01");

        foreach (var statement in new[]
                 {
                     $"UPDATE bills SET amount_fen = 0 WHERE unit_id = '{unit}'",
                     $"DELETE FROM bill_items WHERE bill_id IN (SELECT id FROM bills WHERE unit_id = '{unit}')",
                     $"UPDATE utility_shares SET amount_fen = 0 WHERE unit_id = '{unit}'",
                 })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(fees.Host.OwnerConnectionString, statement));
            Assert.Contains("append-only", refused.MessageText);
        }

        Assert.Equal(6000 + 300, (await Statement(unit)).BilledFen);
    }

    public static TheoryData<string, string> BadCharges => new()
    {
        { """{"utility":"Electricity","period":"2041-01","amountFen":-1,"meterReference":"m"}""", "amountFen" },
        { """{"utility":"Electricity","period":"2041-01","amountFen":10.5,"meterReference":"m"}""", "amountFen" },
        { """{"utility":"Gas","period":"2041-01","amountFen":100,"meterReference":"m"}""", "utility" },
        { """{"utility":"Water","period":"2041-1","amountFen":100,"meterReference":"m"}""", "period" },
        { """{"utility":"Water","period":"2041-01","amountFen":100}""", "meterReference" },
        { $$"""{"utility":"Water","period":"2041-01","amountFen":100,"meterReference":"m","buildingIds":["{{Guid.NewGuid()}}"]}""", "buildingIds" },
        { $$"""{"utility":"Water","period":"2041-01","amountFen":100,"meterReference":"m","buildingIds":[{{string.Join(",", Enumerable.Range(0, 201).Select(_ => $"\"{Guid.NewGuid()}\""))}}]}""", "buildingIds" },
    };

    [Theory]
    [MemberData(nameof(BadCharges))]
    public async Task A_bad_utility_charge_is_a_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var (community, _) = await PricedCommunity();
        await fees.Unit(community, Guid.NewGuid(), 50m);
        var before = await Count("utility_charges") + await Count("utility_shares");

        var response = await fees.Client.PostAsync($"/api/fees/v1/communities/{community}/utility-charges",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        Assert.Equal(before, await Count("utility_charges") + await Count("utility_shares"));
    }
}
