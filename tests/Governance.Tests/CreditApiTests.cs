using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.Credit;
using Platform.Governance.Api.Registry;
using Platform.Governance.Domain.Credit;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>Company credit records, project managers, the blacklist and its effect on assignments, and the published ratings.</summary>
public sealed class CreditApiTests(GovernanceHost governance) : IClassFixture<GovernanceHost>
{
    private readonly RegistryClient _registry = new(governance.Client);
    private HttpClient Housing => governance.Client;

    private Task<long> Count(string table, string where = "true") => Sql.CountAsync(governance.Host.DatabaseConnectionString, table, where);

    private HttpClient As(string token) => governance.Host.CreateHttpClient().WithToken(token);

    private static string Today => CountyCalendar.Today.ToString("yyyy-MM-dd");

    private static object Record(string kind, int points, string? projectManagerId = null) =>
        new { kind, points, reason = kind == "Good" ? "获评市级物业服务示范项目" : "未按合同约定开展绿化养护", recordedOn = Today, projectManagerId };

    [Fact]
    public async Task Housing_and_market_regulation_records_move_the_score_and_grade_of_the_company()
    {
        var company = await _registry.PropertyCompany();
        using var market = As(TestTokens.For(OrganisationTypes.MarketRegulation, null, Scopes.GovernanceRead, Scopes.GovernanceCredit));

        await _registry.Created<CompanyCreditRecordResponse>($"/api/governance/v1/property-companies/{company.Id}/credit-records", Record("Good", 12));
        var bad = await market.PostAsJsonAsync($"/api/governance/v1/property-companies/{company.Id}/credit-records", Record("Bad", 3), RegistryClient.Json);
        Assert.Equal(HttpStatusCode.Created, bad.StatusCode);

        var file = await Housing.GetFromJsonAsync<CompanyCreditFileResponse>($"/api/governance/v1/property-companies/{company.Id}/credit", RegistryClient.Json);
        Assert.Equal(109, file!.Rating.Score);
        Assert.Equal(CreditGrade.A, file.Rating.Grade);
        Assert.Equal(["market-regulation", "housing"], file.Records.Select(r => r.Department));
        Assert.All(file.Records, r => Assert.Equal(CreditSource.Department, r.Source));
    }

    [Fact]
    public async Task Townships_and_property_companies_may_not_record_company_credit_or_blacklist()
    {
        var sample = await governance.Sample;
        using var township = As(TestTokens.For(OrganisationTypes.Township, sample.TownshipId, [.. Scopes.All]));
        using var company = As(TestTokens.For(OrganisationTypes.PropertyCompany, sample.CompanyId, [.. Scopes.All]));
        using var housingWithoutCredit = As(TestTokens.For(OrganisationTypes.Housing, null, Scopes.GovernanceRead, Scopes.GovernanceWrite));

        foreach (var client in new[] { township, company, housingWithoutCredit })
        {
            var record = await client.PostAsJsonAsync($"/api/governance/v1/property-companies/{sample.CompanyId}/credit-records", Record("Good", 30), RegistryClient.Json);
            var blacklist = await client.PostAsJsonAsync($"/api/governance/v1/property-companies/{sample.CompanyId}/blacklist-entries",
                new { reason = "Other", detail = "x", from = Today, until = "2099-01-01" }, RegistryClient.Json);
            Assert.Equal(HttpStatusCode.Forbidden, record.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, blacklist.StatusCode);
        }

        Assert.Equal(0, await Count("company_credit_records", $"company_id = '{sample.CompanyId}'"));
        Assert.Equal(0, await Count("blacklist_entries", $"company_id = '{sample.CompanyId}'"));
    }

    [Fact]
    public async Task Project_managers_have_their_own_rating_and_their_records_count_for_the_company()
    {
        var company = await _registry.PropertyCompany();
        var manager = await _registry.Created<ProjectManagerResponse>($"/api/governance/v1/property-companies/{company.Id}/project-managers", new { name = "李经理" });
        var colleague = await _registry.Created<ProjectManagerResponse>($"/api/governance/v1/property-companies/{company.Id}/project-managers", new { name = "王经理" });

        await _registry.Created<CompanyCreditRecordResponse>($"/api/governance/v1/property-companies/{company.Id}/credit-records", Record("Bad", 25, manager.Id.ToString()));

        var managers = (await Housing.GetFromJsonAsync<List<ProjectManagerResponse>>($"/api/governance/v1/property-companies/{company.Id}/project-managers", RegistryClient.Json))!;
        var rated = managers.Single(m => m.Id == manager.Id).Rating;
        Assert.Equal((75, CreditGrade.C), (rated.Score, rated.Grade));
        Assert.Equal(100, managers.Single(m => m.Id == colleague.Id).Rating.Score);
        var file = await Housing.GetFromJsonAsync<CompanyCreditFileResponse>($"/api/governance/v1/property-companies/{company.Id}/credit", RegistryClient.Json);
        Assert.Equal(75, file!.Rating.Score);
    }

    [Fact]
    public async Task A_blacklisted_company_emits_PropertyCompanyBlacklisted_and_cannot_be_assigned_to_a_community()
    {
        var company = await _registry.PropertyCompany();
        var community = await _registry.Community();

        var entry = await _registry.Created<BlacklistEntryResponse>($"/api/governance/v1/property-companies/{company.Id}/blacklist-entries",
            new { reason = "RefusedRectification", detail = "对问题清单拒不整改，经约谈仍未整改", from = Today, until = "2099-01-01" });

        Assert.True(entry.Active);
        Assert.Equal(1, await Count("outbox_messages",
            $"type = 'Platform.Contracts.Events.PropertyCompanyBlacklisted' AND payload->>'propertyCompanyId' = '{company.Id}' " +
            "AND payload->>'reason' = 'RefusedRectification' AND payload->>'until' = '2099-01-01' AND payload::text NOT LIKE '%约谈%'"));

        using var assign = new HttpRequestMessage(HttpMethod.Put, $"/api/governance/v1/communities/{community.Id}/property-company")
        {
            Content = JsonContent.Create(new { propertyCompanyId = company.Id, since = Today }),
        };
        assign.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var refused = await Housing.SendAsync(assign);
        var register = await Housing.PostAsJsonAsync("/api/governance/v1/communities", new
        {
            townshipId = community.TownshipId, name = $"Community {RegistryClient.Next()}", address = "2 Hill Road", propertyCompanyId = company.Id, starLevel = 2,
        });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await ProblemResponse.ReadAsync(refused);
        Assert.EndsWith("/company_blacklisted", problem.Type);
        Assert.Contains("拒不整改", problem.Detail);
        Assert.Contains("2099-01-01", problem.Detail);
        Assert.Equal(HttpStatusCode.Conflict, register.StatusCode);
        var unchanged = await Housing.GetFromJsonAsync<CommunityResponse>($"/api/governance/v1/communities/{community.Id}", RegistryClient.Json);
        Assert.Null(unchanged!.PropertyCompanyId);
        Assert.Equal(0, await Count("outbox_messages", $"type = 'Platform.Contracts.Events.PropertyCompanyAssigned' AND payload->>'propertyCompanyId' = '{company.Id}'"));
    }

    [Fact]
    public async Task A_blacklist_entry_that_starts_tomorrow_or_names_only_a_project_manager_does_not_block_assignment()
    {
        var company = await _registry.PropertyCompany();
        var manager = await _registry.Created<ProjectManagerResponse>($"/api/governance/v1/property-companies/{company.Id}/project-managers", new { name = "赵经理" });
        var tomorrow = CountyCalendar.Today.AddDays(1).ToString("yyyy-MM-dd");
        await _registry.Created<BlacklistEntryResponse>($"/api/governance/v1/property-companies/{company.Id}/blacklist-entries",
            new { reason = "IllegalFees", detail = "超标准收费", from = tomorrow, until = "2099-01-01" });
        await _registry.Created<BlacklistEntryResponse>($"/api/governance/v1/property-companies/{company.Id}/blacklist-entries",
            new { reason = "FalseInformation", detail = "提供虚假材料", from = Today, until = "2099-01-01", projectManagerId = manager.Id });

        var community = await _registry.Community(company.Id);

        Assert.Equal(company.Id, community.PropertyCompanyId);
        Assert.Equal(1, await Count("outbox_messages", $"type = 'Platform.Contracts.Events.PropertyCompanyBlacklisted' AND payload->>'propertyCompanyId' = '{company.Id}'"));
        var managers = await Housing.GetFromJsonAsync<List<ProjectManagerResponse>>($"/api/governance/v1/property-companies/{company.Id}/project-managers", RegistryClient.Json);
        Assert.True(managers!.Single().Rating.Blacklisted);
    }

    [Fact]
    public async Task Published_ratings_are_anonymous_and_carry_only_public_fields()
    {
        var company = await _registry.PropertyCompany();
        await _registry.Created<CompanyCreditRecordResponse>($"/api/governance/v1/property-companies/{company.Id}/credit-records", Record("Good", 25));
        await _registry.Created<BlacklistEntryResponse>($"/api/governance/v1/property-companies/{company.Id}/blacklist-entries",
            new { reason = "AbandonedService", detail = "未办理交接擅自撤离，负责人张某", from = Today, until = "2030-01-01" });
        using var anonymous = governance.Host.CreateHttpClient();

        var one = await anonymous.GetAsync($"/public/governance/v1/property-companies/{company.Id}/rating");
        var all = await anonymous.GetFromJsonAsync<List<PublishedRatingResponse>>("/public/governance/v1/property-companies/ratings", RegistryClient.Json);
        var missing = await anonymous.GetAsync($"/public/governance/v1/property-companies/{Guid.NewGuid()}/rating");

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var body = await one.Content.ReadAsStringAsync();
        var rating = System.Text.Json.JsonSerializer.Deserialize<PublishedRatingResponse>(body, RegistryClient.Json)!;
        Assert.Equal((125, CreditGrade.C, true, new DateOnly(2030, 1, 1)), (rating.Score, rating.Grade, rating.Blacklisted, rating.BlacklistedUntil));
        Assert.DoesNotContain("张某", body);
        Assert.DoesNotContain("reason", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(all!, r => r.CompanyId == company.Id && r.Blacklisted);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
