using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.BuildingBlocks.Security;
using Platform.Funds.Api.Journal;
using Platform.Funds.Api.Ledgers;
using Platform.Funds.Api.Repairs;
using Platform.Funds.Domain.Repairs;
using Platform.Governance.Domain.Voting;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

/// <summary>The maintenance fund's normal track with the owners' real vote: governance decides, funds pays, through the broker.</summary>
[Collection(PlatformCollection.Name)]
public sealed class MaintenanceFundTests(PlatformFixture platform)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public async Task A_repair_the_owners_pass_is_publicised_approved_and_paid_over_their_ledgers_by_area()
    {
        var company = await platform.Registry.PropertyCompany();
        var community = await platform.Registry.Community(company.Id);
        var building = await platform.Registry.Building(community.Id);
        var owners = new List<Guid>();
        var units = new List<Guid>();
        foreach (var area in new[] { 80m, 60m, 40m })
        {
            var owner = await platform.Registry.Person();
            owners.Add(owner.Id);
            units.Add((await platform.Registry.Unit(community.Id, building.Id, owner.Id, area)).Id);
        }

        foreach (var unit in units)
        {
            await platform.UnitReachesEveryService(unit, TimeSpan.FromSeconds(30));
        }

        using var fundCentre = platform.Gateway.CreateHttpClient()
            .WithToken(TestTokens.For(OrganisationTypes.Housing, null, Scopes.FundsRead, Scopes.FundsWrite, Scopes.FundsApprove));
        foreach (var unit in units)
        {
            var deposit = await fundCentre.PostAsJsonAsync($"/api/funds/v1/units/{unit}/deposits",
                new { kind = "Other", amountFen = 100_000, bankReference = $"E2E-{unit:N}", depositedOn = CountyCalendar.Today });
            Assert.Equal(HttpStatusCode.Created, deposit.StatusCode);
        }

        // The serving company proposes; the township opens the owners' vote naming the project.
        using var asCompany = platform.Gateway.CreateHttpClient().WithToken(TestTokens.For(OrganisationTypes.PropertyCompany, company.Id, Scopes.FundsRead, Scopes.FundsWrite));
        var proposed = await asCompany.PostAsJsonAsync($"/api/funds/v1/communities/{community.Id}/repair-projects", new
        {
            track = "Normal", title = "屋面防水维修", item = "1号楼屋面", scopeUnitIds = units, budgetFen = 90_000, contractorId = Guid.NewGuid(), contractorName = "某防水公司",
        });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var project = (await proposed.Content.ReadFromJsonAsync<RepairProjectResponse>(Json))!;
        var opensAt = platform.Governance.Clock.GetUtcNow() + RuleSetCatalog.CivilCode2021.Window.MinimumNotice;
        var opened = await platform.Client.PostAsJsonAsync($"/api/governance/v1/communities/{community.Id}/proposals", new
        {
            matter = "UseMaintenanceFunds", title = project.Title, text = "使用维修资金维修1号楼屋面，预算900元，按面积分摊。",
            scope = new { unitIds = units }, reference = project.VoteReference, opensAt, closesAt = opensAt + RuleSetCatalog.CivilCode2021.Window.MinimumWindow,
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var proposalId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // The owners are told 15 days ahead and vote for 7: governance's clock moves through both (and back at the end).
        platform.Governance.Clock.Advance(RuleSetCatalog.CivilCode2021.Window.MinimumNotice);
        foreach (var owner in owners)
        {
            using var asOwner = platform.Gateway.CreateHttpClient().WithToken(TestTokens.ForOwner(owner));
            Assert.Equal(HttpStatusCode.Created, (await asOwner.PostAsJsonAsync($"/api/governance/v1/proposals/{proposalId}/ballots", new { choice = "Agree" })).StatusCode);
        }

        platform.Governance.Clock.Advance(RuleSetCatalog.CivilCode2021.Window.MinimumWindow);

        async Task<RepairProjectResponse> Project() =>
            (await fundCentre.GetFromJsonAsync<RepairProjectDetailResponse>($"/api/funds/v1/repair-projects/{project.Id}", Json))!.Project;
        await Eventually.Until(async () => (await Project()).Status == RepairStatus.InPublicity, TimeSpan.FromSeconds(60), "the owners' resolution in funds");

        // Publicised for seven days: the bureau approves after they pass, then the fund pays.
        var tooSoon = await fundCentre.PostAsync($"/api/funds/v1/repair-projects/{project.Id}/approval", null);
        Assert.EndsWith("publicity_not_over", (await ProblemResponse.ReadAsync(tooSoon)).Type);
        // Its publicity starts the day governance decided (on governance's moved clock).
        platform.Funds.Clock.Advance(platform.Governance.Clock.Offset + TimeSpan.FromDays(8));
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await fundCentre.PostAsync($"/api/funds/v1/repair-projects/{project.Id}/approval", null)).StatusCode);
            var paid = await fundCentre.PostAsJsonAsync($"/api/funds/v1/repair-projects/{project.Id}/disbursements", new { amountFen = 90_000, bankReference = $"E2E-OUT-{project.Id:N}" });
            Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        }
        finally
        {
            platform.Funds.Clock.Reset();
            platform.Governance.Clock.Reset();
        }

        var balances = new List<long>();
        foreach (var unit in units)
        {
            balances.Add((await fundCentre.GetFromJsonAsync<UnitLedgerStatementResponse>($"/api/funds/v1/units/{unit}/ledger", Json))!.Ledger.BalanceFen);
        }

        Assert.Equal([60_000L, 70_000L, 80_000L], balances); // 90,000 over 80 : 60 : 40 m²
        var verification = (await fundCentre.GetFromJsonAsync<JournalVerificationResponse>("/api/funds/v1/journal/verification", Json))!;
        Assert.True(verification.Holds, string.Join("\n", verification.Violations));
    }
}
