using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.Credit;
using Platform.Governance.Api.ProblemLists;
using Platform.Governance.Api.Registry;
using Platform.Governance.Domain.Credit;
using Platform.Governance.Domain.Problems;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>
/// Problem lists: listed by the township, fixed by the responsible company, closed one by one (销号) or marked refused;
/// overdue and refused problems charge the company's credit record once. The host's clock moves forward in these tests.
/// </summary>
public sealed class ProblemListTests(GovernanceHost governance) : IClassFixture<GovernanceHost>
{
    private readonly RegistryClient _registry = new(governance.Client);
    private HttpClient Housing => governance.Client;
    private TestClock Clock => governance.Clock;

    private HttpClient As(string token) => governance.Host.CreateHttpClient().WithToken(token);

    private HttpClient Township(Guid id) => As(TestTokens.For(OrganisationTypes.Township, id, Scopes.GovernanceRead, Scopes.GovernanceWrite));

    private HttpClient Company(Guid id) => As(TestTokens.WithDefaults(OrganisationTypes.PropertyCompany, id));

    private Task<long> PenaltiesOf(Guid problemId) =>
        Sql.CountAsync(governance.Host.DatabaseConnectionString, "company_credit_records", $"problem_id = '{problemId}'");

    private async Task<(CommunityResponse Community, Guid Company)> ServedCommunity()
    {
        var company = await _registry.PropertyCompany();
        return (await _registry.Community(company.Id), company.Id);
    }

    private Task<CampaignProblemResponse> Listed(Guid communityId, int daysToDeadline = 10, string category = "FireSafety") =>
        _registry.Problem(communityId, Clock.Today.AddDays(daysToDeadline), category);

    private static async Task<CampaignProblemResponse> Read(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<CampaignProblemResponse>(RegistryClient.Json))!;
    }

    private static object Fix(DateOnly on) => new { description = "已清理消防通道并设置禁停标识", doneOn = on };

    [Fact]
    public async Task A_company_reports_a_fix_and_the_township_closes_the_problem()
    {
        var (community, companyId) = await ServedCommunity();
        var listed = await Listed(community.Id);
        using var company = Company(companyId);
        using var township = Township(community.TownshipId);

        Assert.Equal((companyId, ProblemStatus.Open), (listed.ResponsibleCompanyId, listed.Status));
        var fixedUp = await Read(await company.PostAsJsonAsync($"/api/governance/v1/problems/{listed.Id}/fixes", Fix(Clock.Today), RegistryClient.Json), HttpStatusCode.Created);
        var again = await company.PostAsJsonAsync($"/api/governance/v1/problems/{listed.Id}/fixes", Fix(Clock.Today), RegistryClient.Json);
        var closed = await Read(await township.PostAsJsonAsync($"/api/governance/v1/problems/{listed.Id}/closure", new { note = "现场核查已整改" }, RegistryClient.Json), HttpStatusCode.OK);
        var afterClosing = await township.PostAsJsonAsync($"/api/governance/v1/problems/{listed.Id}/refusal", new { note = "x" }, RegistryClient.Json);

        Assert.Equal(ProblemStatus.FixReported, fixedUp.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(ProblemStatus.Closed, closed.Status);
        Assert.Equal(FixOutcome.Accepted, Assert.Single(closed.Fixes).Outcome);
        Assert.EndsWith("/problem_finished", (await ProblemResponse.ReadAsync(afterClosing)).Type);
        Assert.Equal(0, await PenaltiesOf(listed.Id));
    }

    [Fact]
    public async Task Another_communitys_company_and_township_get_404_and_a_company_not_responsible_gets_403()
    {
        var (community, _) = await ServedCommunity();
        var (otherCommunity, otherCompany) = await ServedCommunity();
        var listed = await Listed(community.Id);
        var forAnother = await _registry.Created<CampaignProblemResponse>($"/api/governance/v1/communities/{otherCommunity.Id}/problems", new
        {
            category = "IllegalConstruction", description = "顶楼私搭乱建", responsibleParty = "Other", responsiblePartyName = "6 栋 1801 业主", deadline = Clock.Today.AddDays(5),
        });
        using var foreignCompany = Company(otherCompany);
        using var foreignTownship = Township(otherCommunity.TownshipId);

        Assert.Equal(HttpStatusCode.NotFound, (await foreignCompany.GetAsync($"/api/governance/v1/problems/{listed.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreignCompany.PostAsJsonAsync($"/api/governance/v1/problems/{listed.Id}/fixes", Fix(Clock.Today), RegistryClient.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreignTownship.PostAsJsonAsync($"/api/governance/v1/problems/{listed.Id}/refusal", new { note = "x" }, RegistryClient.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreignTownship.PostAsJsonAsync($"/api/governance/v1/communities/{community.Id}/problems", new
        {
            category = "Sanitation", description = "x", responsibleParty = "PropertyCompany", deadline = Clock.Today.AddDays(5),
        }, RegistryClient.Json)).StatusCode);
        // The serving company sees its community's problem, but the owner of a unit there is the one responsible.
        var notResponsible = await foreignCompany.PostAsJsonAsync($"/api/governance/v1/problems/{forAnother.Id}/fixes", Fix(Clock.Today), RegistryClient.Json);
        Assert.Equal(HttpStatusCode.Forbidden, notResponsible.StatusCode);
        Assert.EndsWith("/not_responsible_for_problem", (await ProblemResponse.ReadAsync(notResponsible)).Type);
        // Closing is the township's or the bureau's, never the company's.
        Assert.Equal(HttpStatusCode.Forbidden, (await foreignCompany.PostAsJsonAsync($"/api/governance/v1/problems/{forAnother.Id}/closure", new { }, RegistryClient.Json)).StatusCode);
        Assert.Equal(1, await Sql.CountAsync(governance.Host.DatabaseConnectionString, "problems", $"community_id = '{community.Id}'"));
        Assert.Equal(0, await Sql.CountAsync(governance.Host.DatabaseConnectionString, "problem_fixes", $"problem_id IN ('{listed.Id}', '{forAnother.Id}')"));
    }

    [Fact]
    public async Task A_refusal_charges_the_company_once_with_the_refusal_points()
    {
        var (community, companyId) = await ServedCommunity();
        var listed = await Listed(community.Id);
        using var township = Township(community.TownshipId);

        var refused = await Read(await township.PostAsJsonAsync($"/api/governance/v1/problems/{listed.Id}/refusal", new { note = "多次督促仍拒不整改" }, RegistryClient.Json), HttpStatusCode.OK);
        var again = await township.PostAsJsonAsync($"/api/governance/v1/problems/{listed.Id}/refusal", new { note = "再次" }, RegistryClient.Json);

        Assert.Equal(ProblemStatus.Refused, refused.Status);
        Assert.NotNull(refused.PenaltyRecordId);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var file = await Housing.GetFromJsonAsync<CompanyCreditFileResponse>($"/api/governance/v1/property-companies/{companyId}/credit", RegistryClient.Json);
        var record = Assert.Single(file!.Records);
        Assert.Equal((CreditKind.Bad, CreditRuleCatalog.County2025.FixRefusedPoints, CreditSource.FixRefused, listed.Id, "township"),
            (record.Kind, record.Points, record.Source, record.ProblemId!.Value, record.Department));
        Assert.Equal(100 - CreditRuleCatalog.County2025.FixRefusedPoints, file.Rating.Score);
    }

    [Fact]
    public async Task The_sweep_charges_an_overdue_problem_once_however_often_it_runs_and_a_later_refusal_adds_nothing()
    {
        var (community, companyId) = await ServedCommunity();
        var overdue = await Listed(community.Id, daysToDeadline: 3);
        var fixedInTime = await Listed(community.Id, daysToDeadline: 3, category: "Sanitation");
        using var company = Company(companyId);
        await Read(await company.PostAsJsonAsync($"/api/governance/v1/problems/{fixedInTime.Id}/fixes", Fix(Clock.Today), RegistryClient.Json), HttpStatusCode.Created);

        Clock.Advance(TimeSpan.FromDays(4));

        // The hosted sweep finds it on its own.
        await Eventually.Until(async () => await PenaltiesOf(overdue.Id) == 1, TimeSpan.FromSeconds(20), "overdue problem charged");
        // Runs racing each other, and again later, change nothing.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = governance.Host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OverduePenalties>().ChargeAsync(CancellationToken.None);
        }));
        using var township = Township(community.TownshipId);
        var refused = await Read(await township.PostAsJsonAsync($"/api/governance/v1/problems/{overdue.Id}/refusal", new { note = "逾期且拒不整改" }, RegistryClient.Json), HttpStatusCode.OK);

        Assert.Equal(1, await PenaltiesOf(overdue.Id));
        Assert.Equal(0, await PenaltiesOf(fixedInTime.Id));
        Assert.Equal(ProblemStatus.Refused, refused.Status);
        var file = await Housing.GetFromJsonAsync<CompanyCreditFileResponse>($"/api/governance/v1/property-companies/{companyId}/credit", RegistryClient.Json);
        var record = Assert.Single(file!.Records);
        Assert.Equal((CreditSource.ProblemOverdue, CreditRuleCatalog.County2025.ProblemOverduePoints, "platform-service"), (record.Source, record.Points, record.Department));
    }

    [Fact]
    public async Task A_fix_rejected_after_the_deadline_makes_the_problem_overdue_and_charged()
    {
        var (community, _) = await ServedCommunity();
        var listed = await Listed(community.Id, daysToDeadline: 1);
        await Read(await Housing.PostAsJsonAsync($"/api/governance/v1/problems/{listed.Id}/fixes", Fix(Clock.Today), RegistryClient.Json), HttpStatusCode.Created);
        Clock.Advance(TimeSpan.FromDays(2));
        var pending = await Housing.GetFromJsonAsync<CampaignProblemResponse>($"/api/governance/v1/problems/{listed.Id}", RegistryClient.Json);
        Assert.False(pending!.IsOverdue);

        var reopened = await Read(await Housing.PostAsJsonAsync($"/api/governance/v1/problems/{listed.Id}/fix-rejection", new { note = "现场复查仍有杂物" }, RegistryClient.Json), HttpStatusCode.OK);

        Assert.Equal((ProblemStatus.Open, true), (reopened.Status, reopened.IsOverdue));
        await Eventually.Until(async () => await PenaltiesOf(listed.Id) == 1, TimeSpan.FromSeconds(20), "rejected fix charged as overdue");
    }

    [Fact]
    public async Task The_township_sees_its_communities_the_bureau_the_county_with_filters_and_counts_per_community()
    {
        var (first, firstCompany) = await ServedCommunity();
        var (elsewhere, _) = await ServedCommunity();
        var second = await _registry.Created<CommunityResponse>("/api/governance/v1/communities", new
        {
            townshipId = first.TownshipId, name = $"Community {RegistryClient.Next()}", address = "3 Lake Road", propertyCompanyId = firstCompany, starLevel = 2, isOldCommunity = true,
        });
        var soon = await Listed(first.Id, daysToDeadline: 1);
        var later = await Listed(first.Id, daysToDeadline: 30);
        var inSecond = await Listed(second.Id, daysToDeadline: 30);
        await Listed(elsewhere.Id, daysToDeadline: 1);
        await Read(await Housing.PostAsJsonAsync($"/api/governance/v1/problems/{inSecond.Id}/fixes", Fix(Clock.Today), RegistryClient.Json), HttpStatusCode.Created);
        await Read(await Housing.PostAsJsonAsync($"/api/governance/v1/problems/{inSecond.Id}/closure", new { }, RegistryClient.Json), HttpStatusCode.OK);
        Clock.Advance(TimeSpan.FromDays(2));
        using var township = Township(first.TownshipId);

        var all = await township.GetFromJsonAsync<Page<CampaignProblemResponse>>("/api/governance/v1/problems?limit=500", RegistryClient.Json);
        var overdueOnly = await township.GetFromJsonAsync<Page<CampaignProblemResponse>>("/api/governance/v1/problems?overdue=true", RegistryClient.Json);
        var closedInSecond = await township.GetFromJsonAsync<Page<CampaignProblemResponse>>($"/api/governance/v1/problems?communityId={second.Id}&status=Closed", RegistryClient.Json);
        var counts = (await township.GetFromJsonAsync<List<CommunityProblemCounts>>("/api/governance/v1/problems/counts", RegistryClient.Json))!;
        var countyCounts = (await Housing.GetFromJsonAsync<List<CommunityProblemCounts>>($"/api/governance/v1/problems/counts?townshipId={elsewhere.TownshipId}", RegistryClient.Json))!;
        var foreign = await township.GetAsync($"/api/governance/v1/problems?communityId={elsewhere.Id}");

        Assert.Equal([soon.Id, later.Id, inSecond.Id], all!.Items.Select(p => p.Id).Order());
        Assert.Equal([soon.Id], overdueOnly!.Items.Select(p => p.Id));
        Assert.Equal([inSecond.Id], closedInSecond!.Items.Select(p => p.Id));
        var firstLine = counts.Single(c => c.CommunityId == first.Id);
        Assert.Equal((2, 0, 1, 2), (firstLine.Open, firstLine.Closed, firstLine.Overdue, firstLine.Total));
        var secondLine = counts.Single(c => c.CommunityId == second.Id);
        Assert.Equal((0, 1, 1), (secondLine.Open, secondLine.Closed, secondLine.Total));
        Assert.DoesNotContain(counts, c => c.CommunityId == elsewhere.Id);
        Assert.Equal((1, 1), (countyCounts.Single().Open, countyCounts.Single().Overdue));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }
}
