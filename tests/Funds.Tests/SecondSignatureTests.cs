using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.TestKit;

namespace Platform.Funds.Tests;

/// <summary>
/// 会签: a disbursement above the second-signature threshold in force is booked only when Finance countersigns it, once;
/// refused, it books nothing. At or below the threshold it is booked at once, as before.
/// </summary>
public sealed class SecondSignatureTests(FundsHost funds) : FundsTest(funds)
{
    /// <summary>The migration's default: 200,000 yuan.</summary>
    private const long DefaultThresholdFen = 20_000_000;

    private HttpClient Housing => Funds.Client;

    private HttpClient Finance() => Funds.As(TestTokens.WithDefaults(OrganisationTypes.Finance));

    private Task<long> Count(string table, string where) => Sql.CountAsync(Funds.Host.DatabaseConnectionString, table, where);

    /// <summary>Three homes (60, 30 and 10 m²), each holding 30,000,000 fen; an approved emergency project over them.</summary>
    private async Task<(Guid Community, Guid Project, Guid[] Units)> ApprovedProject()
    {
        var community = await Funds.Community(Guid.NewGuid());
        var building = Guid.NewGuid();
        var units = new[] { await Funds.Unit(community, Guid.NewGuid(), 60m, building), await Funds.Unit(community, Guid.NewGuid(),
            30m, building),
            await Funds.Unit(community, Guid.NewGuid(), 10m, building) };
        foreach (var unit in units)
        {
            Assert.Equal(HttpStatusCode.Created, (await Housing.PostAsJsonAsync($"/api/funds/v1/units/{unit}/deposits",
                new { kind = "Other", amountFen = 30_000_000, bankReference = $"D-{Guid.NewGuid():N}",
                    depositedOn = CountyCalendar.Today })).StatusCode);
        }

        var proposed = await Housing.PostAsJsonAsync($"/api/funds/v1/communities/{community}/repair-projects", new
        {
            track = "Emergency", emergencyCategory = "ElevatorFailure", title = "更换电梯主机", item = $"电梯{Guid.NewGuid():N}",
                scopeUnitIds = units,
            budgetFen = 50_000_000, contractorId = Guid.NewGuid(), contractorName = "某电梯公司",
        });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var project = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await Housing.PostAsync($"/api/funds/v1/repair-projects/{project}/approval", null)).StatusCode);
        return (community, project, units);
    }

    private Task<HttpResponseMessage> Disburse(Guid project, long amountFen, string? bankReference = null) =>
        Housing.PostAsJsonAsync($"/api/funds/v1/repair-projects/{project}/disbursements",
            new { amountFen, bankReference = bankReference ?? $"OUT-{Guid.NewGuid():N}" });

    private async Task<(long Transactions, long Made, long Balances)> Books(Guid community, Guid project) =>
        (await Count("journal_transactions", $"community_id = '{community}' AND project_id = '{project}'"),
         await Count("outbox_messages", $"type = '{typeof(DisbursementMade).FullName}' AND payload->>'projectId' = '{project}'"),
         (long)(await Sql.ScalarAsync(Funds.Host.DatabaseConnectionString,
             $"SELECT COALESCE(SUM(balance_fen), 0)::bigint FROM unit_ledgers WHERE community_id = '{community}'"))!);

    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_disbursement_above_the_threshold_books_nothing_until_Finance_countersigns_and_then_books_it_once()
    {
        var (community, project, units) = await ApprovedProject();
        var before = await Books(community, project);

        var requested = await Disburse(project, DefaultThresholdFen + 1);

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var pending = await Body(requested);
        Assert.Equal("AwaitingCountersignature", pending.GetProperty("status").GetString());
        Assert.Equal(DefaultThresholdFen, pending.GetProperty("thresholdFen").GetInt64());
        Assert.Equal(before, await Books(community, project));
        var id = pending.GetProperty("id").GetGuid();
        using var finance = Finance();
        var listed = await Body(await finance.GetAsync("/api/funds/v1/disbursements?status=AwaitingCountersignature&limit=500"));
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetGuid() == id);

        var signed = await finance.PostAsync($"/api/funds/v1/disbursements/{id}/countersignature", null);
        var again = await finance.PostAsync($"/api/funds/v1/disbursements/{id}/countersignature", null);

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(3, (await Body(signed)).GetProperty("unitsCharged").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.EndsWith("disbursement_countersigned", (await ProblemResponse.ReadAsync(again)).Type);
        Assert.Equal((before.Transactions + 1, before.Made + 1, before.Balances - DefaultThresholdFen - 1),
            await Books(community, project));
        var project_ = await Body(await Housing.GetAsync($"/api/funds/v1/repair-projects/{project}"));
        Assert.Equal(DefaultThresholdFen + 1, project_.GetProperty("project").GetProperty("disbursedFen").GetInt64());
        Assert.Equal(DefaultThresholdFen + 1,
            project_.GetProperty("unitShares").EnumerateArray().Sum(s => s.GetProperty("chargedFen").GetInt64()));
        Assert.Equal(units.Order(),
            project_.GetProperty("unitShares").EnumerateArray().Select(s => s.GetProperty("unitId").GetGuid()).Order());
    }

    [Fact]
    public async Task Two_concurrent_countersignatures_book_the_disbursement_once()
    {
        var (community, project, _) = await ApprovedProject();
        var id = (await Body(await Disburse(project, 25_000_000))).GetProperty("id").GetGuid();
        var before = await Books(community, project);
        using var first = Finance();
        using var second = Finance();

        var answers = await Task.WhenAll(first.PostAsync($"/api/funds/v1/disbursements/{id}/countersignature", null),
            second.PostAsync($"/api/funds/v1/disbursements/{id}/countersignature", null));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        Assert.Equal((before.Transactions + 1, before.Made + 1, before.Balances - 25_000_000), await Books(community, project));
    }

    [Fact]
    public async Task At_the_threshold_a_disbursement_is_booked_at_once_as_before()
    {
        var (community, project, _) = await ApprovedProject();
        var before = await Books(community, project);

        var paid = await Disburse(project, DefaultThresholdFen);

        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal(3, (await Body(paid)).GetProperty("unitsCharged").GetInt32());
        Assert.Equal((before.Transactions + 1, before.Made + 1, before.Balances - DefaultThresholdFen), await Books(community, project));
    }

    [Fact]
    public async Task The_housing_bureau_cannot_countersign_its_own_request_and_Finance_cannot_start_a_disbursement()
    {
        var (community, project, _) = await ApprovedProject();
        var id = (await Body(await Disburse(project, 30_000_000))).GetProperty("id").GetGuid();
        var before = await Books(community, project);
        using var finance = Finance();

        var ownSignature = await Housing.PostAsync($"/api/funds/v1/disbursements/{id}/countersignature", null);
        var financePays = await finance.PostAsJsonAsync($"/api/funds/v1/repair-projects/{project}/disbursements",
            new { amountFen = 100, bankReference = "F-1" });
        var housingSetsThreshold = await Housing.PostAsJsonAsync("/api/funds/v1/second-signature-thresholds",
            new { thresholdFen = 1, effectiveFrom = CountyCalendar.Today });

        Assert.Equal(HttpStatusCode.Forbidden, ownSignature.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, financePays.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, housingSetsThreshold.StatusCode);
        Assert.Equal(before, await Books(community, project));
    }

    [Fact]
    public async Task A_refused_disbursement_books_nothing_frees_its_bank_reference_and_the_project_can_be_paid_again()
    {
        var (community, project, _) = await ApprovedProject();
        var before = await Books(community, project);
        var reference = $"OUT-{Guid.NewGuid():N}";
        var id = (await Body(await Disburse(project, 30_000_000, reference))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await Disburse(project, 1_000, reference)).StatusCode); // reserved while it waits
        using var finance = Finance();
        Assert.Equal(HttpStatusCode.OK, (await Housing.PostAsync($"/api/funds/v1/repair-projects/{project}/acceptance", null)).StatusCode);
        var pendingSettlement = await Housing.PostAsJsonAsync($"/api/funds/v1/repair-projects/{project}/settlement",
            new { finalCostFen = 30_000_000 });
        Assert.EndsWith("countersignature_pending", (await ProblemResponse.ReadAsync(pendingSettlement)).Type);

        var refused = await finance.PostAsJsonAsync($"/api/funds/v1/disbursements/{id}/countersignature-refusal",
            new { reason = "造价未经审核" });
        var signAfter = await finance.PostAsync($"/api/funds/v1/disbursements/{id}/countersignature", null);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Refused", (await Body(refused)).GetProperty("status").GetString());
        Assert.EndsWith("disbursement_refused", (await ProblemResponse.ReadAsync(signAfter)).Type);
        Assert.Equal(before, await Books(community, project));
        Assert.Equal(HttpStatusCode.Created, (await Disburse(project, 1_000, reference)).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await Housing.PostAsJsonAsync($"/api/funds/v1/repair-projects/{project}/settlement",
                new { finalCostFen = 1_000 })).StatusCode);
    }

    [Fact]
    public async Task A_new_threshold_applies_from_its_effective_date()
    {
        var (_, project, _) = await ApprovedProject();
        using var finance = Finance();
        var from = CountyCalendar.Today.AddDays(20);
        var set = await finance.PostAsJsonAsync("/api/funds/v1/second-signature-thresholds", new { thresholdFen = 5_000_000,
            effectiveFrom = from });
        Assert.Equal(HttpStatusCode.Created, set.StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await Disburse(project, 6_000_000)).StatusCode); // the new figure is not in force yet
        Funds.Host.Clock.Advance(TimeSpan.FromDays(20));
        try
        {
            var waits = await Disburse(project, 6_000_000);
            Assert.Equal(HttpStatusCode.Accepted, waits.StatusCode);
            var pending = await Body(waits);
            Assert.Equal(5_000_000, pending.GetProperty("thresholdFen").GetInt64());
            var thresholds = await Body(await finance.GetAsync("/api/funds/v1/second-signature-thresholds"));
            Assert.Equal(5_000_000, thresholds.GetProperty("inForce").GetProperty("thresholdFen").GetInt64());
            Assert.Contains(thresholds.GetProperty("history").EnumerateArray(),
                t => t.GetProperty("thresholdFen").GetInt64() == DefaultThresholdFen);
            var pendingId = pending.GetProperty("id").GetGuid();
            var refusal = await finance.PostAsJsonAsync($"/api/funds/v1/disbursements/{pendingId}/countersignature-refusal",
                new { reason = "重复申请" });
            Assert.Equal(HttpStatusCode.OK, refusal.StatusCode);
        }
        finally
        {
            Funds.Host.Clock.Reset();
        }
    }

    public static TheoryData<string, string, string> BadInput => new()
    {
        { "/api/funds/v1/second-signature-thresholds", """{"thresholdFen":-1,"effectiveFrom":"2099-01-01"}""", "thresholdFen" },
        { "/api/funds/v1/second-signature-thresholds", """{"thresholdFen":100}""", "effectiveFrom" },
        { "/api/funds/v1/second-signature-thresholds", """{"thresholdFen":100,"effectiveFrom":"2020-01-01"}""", "effectiveFrom" },
        { "/api/funds/v1/disbursements/0196f0e0-0000-7000-8000-000000000001/countersignature-refusal", """{"reason":" "}""", "reason" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_threshold_and_refusal_requests_are_400s_naming_the_field_and_write_nothing(string path, string body, string field)
    {
        var before = await Count("second_signature_thresholds", "true");
        using var finance = Finance();

        var response = await finance.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        Assert.Equal(before, await Count("second_signature_thresholds", "true"));
    }

    [Fact]
    public async Task Police_with_its_default_scopes_reads_the_misuse_flags_and_a_company_or_township_never()
    {
        using var police = Funds.As(TestTokens.WithDefaults(OrganisationTypes.Police));
        using var company = Funds.As(TestTokens.WithDefaults(OrganisationTypes.PropertyCompany, Guid.NewGuid()));
        using var township = Funds.As(TestTokens.WithDefaults(OrganisationTypes.Township, Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync("/api/funds/v1/misuse-flags")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await company.GetAsync("/api/funds/v1/misuse-flags")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.GetAsync("/api/funds/v1/misuse-flags")).StatusCode);
    }
}
