using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.Funds.Api.Ledgers;
using Platform.Funds.Api.Misuse;
using Platform.Funds.Api.Repairs;
using Platform.Funds.Domain.Repairs;
using Platform.TestKit;

namespace Platform.Funds.Tests;

/// <summary>Repair projects on both tracks, their disbursements apportioned by area, and the misuse flags they can raise.</summary>
public sealed class RepairTests(FundsHost funds) : FundsTest(funds)
{
    private static readonly SemaphoreSlim RateOnce = new(1, 1);
    private static bool _rated;

    private Task<long> Count(string table, string where = "true") => Sql.CountAsync(Funds.Host.DatabaseConnectionString, table, where);

    private HttpClient Housing => Funds.Client;

    /// <summary>A community whose three high-rise homes (60, 30 and 10.01 m²) paid their initial deposits in full (3,000 fen/m²).</summary>
    private async Task<(Guid Community, Guid Company, Guid[] Units)> FundedCommunity()
    {
        await RateOnce.WaitAsync();
        try
        {
            if (!_rated)
            {
                Assert.Equal(HttpStatusCode.Created, (await Housing.PostAsJsonAsync("/api/funds/v1/deposit-rates",
                    new { year = DateTime.UtcNow.Year, buildingType = "HighRise", rateFenPerSquareMetre = 3_000 })).StatusCode);
                _rated = true;
            }
        }
        finally
        {
            RateOnce.Release();
        }

        var company = Guid.NewGuid();
        var community = await Funds.Community(company);
        var building = Guid.NewGuid();
        var units = new[] { await Funds.Unit(community, Guid.NewGuid(), 60m, building), await Funds.Unit(community, Guid.NewGuid(), 30m, building),
            await Funds.Unit(community, Guid.NewGuid(), 10.01m, building) };
        Assert.Equal(HttpStatusCode.OK, (await Housing.PutAsJsonAsync($"/api/funds/v1/buildings/{building}/type", new { buildingType = "HighRise" })).StatusCode);
        foreach (var (unit, deposit) in units.Zip(new long[] { 180_000, 90_000, 30_030 }))
        {
            Assert.Equal(HttpStatusCode.Created, (await Housing.PostAsJsonAsync($"/api/funds/v1/units/{unit}/deposits",
                new { kind = "Initial", amountFen = deposit, bankReference = $"D-{Guid.NewGuid():N}", depositedOn = CountyCalendar.Today })).StatusCode);
        }

        return (community, company, units);
    }

    private HttpClient Company(Guid company) => Funds.As(TestTokens.For(OrganisationTypes.PropertyCompany, company, Scopes.FundsRead, Scopes.FundsWrite));

    private async Task<RepairProjectResponse> Propose(HttpClient client, Guid community, Guid[] units, long budgetFen, string track = "Normal", Guid? contractor = null,
        string item = "3号楼外墙")
    {
        var response = await client.PostAsJsonAsync($"/api/funds/v1/communities/{community}/repair-projects", new
        {
            track, emergencyCategory = track == "Emergency" ? "ElevatorFailure" : null, title = "外墙脱落维修", item, scopeUnitIds = units, budgetFen,
            contractorId = contractor ?? Guid.NewGuid(), contractorName = "某某建筑公司",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RepairProjectResponse>(FundsHost.Json))!;
    }

    private Task<HttpResponseMessage> Disburse(Guid project, long amountFen) =>
        Housing.PostAsJsonAsync($"/api/funds/v1/repair-projects/{project}/disbursements", new { amountFen, bankReference = $"OUT-{Guid.NewGuid():N}" });

    private Task Passed(RepairProjectResponse project, Guid[] scope, DateTimeOffset decidedAt) =>
        Funds.Publish(new ResolutionPassed(Guid.NewGuid(), project.CommunityId, OwnersMatter.UseMaintenanceFunds, project.Title, VoteScopeKind.Units, scope,
            project.VoteReference, new Dictionary<string, string>(), "civil-code-2021", new ResolutionFigures(3, 100.01m, 3, 100.01m, 3, 100.01m), decidedAt, DateTimeOffset.UtcNow));

    private async Task<RepairProjectResponse> Project(Guid id) =>
        (await Housing.GetFromJsonAsync<RepairProjectDetailResponse>($"/api/funds/v1/repair-projects/{id}", FundsHost.Json))!.Project;

    private async Task<IReadOnlyList<MisuseFlagResponse>> Flags(Guid community) =>
        (await Housing.GetFromJsonAsync<Page<MisuseFlagResponse>>($"/api/funds/v1/misuse-flags?communityId={community}&limit=500",
            FundsHost.Json))!.Items;

    private async Task<long> Balance(Guid unit) =>
        (await Housing.GetFromJsonAsync<UnitLedgerStatementResponse>($"/api/funds/v1/units/{unit}/ledger", FundsHost.Json))!.Ledger.BalanceFen;

    [Fact]
    public async Task The_normal_track_pays_only_after_the_owners_vote_and_its_publicity_and_apportions_each_payment_by_area()
    {
        var (community, company, units) = await FundedCommunity();
        var project = await Propose(Company(company), community, units, budgetFen: 220_001);
        Assert.Equal((RepairStatus.AwaitingVote, $"repair-project:{project.Id}"), (project.Status, project.VoteReference));

        // Money asked before the owners decided: refused, and the attempt flagged.
        var early = await Disburse(project.Id, 1_000);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(MisuseKind.DisbursementWithoutResolution, Assert.Single(await Flags(community)).Kind);

        await Passed(project, units, DateTimeOffset.UtcNow.AddDays(-8));
        await Eventually.Until(async () => (await Project(project.Id)).Status == RepairStatus.InPublicity, TimeSpan.FromSeconds(30), "the owners' resolution in funds");
        Assert.Equal(HttpStatusCode.OK, (await Housing.PostAsync($"/api/funds/v1/repair-projects/{project.Id}/approval", null)).StatusCode);

        var paid = await Disburse(project.Id, 100_001);
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        // 100,001 over 60 : 30 : 10.01 m² — 59,994.6 / 29,997.3 / 10,009.1: floors 59,994 + 29,997 + 10,009, the fen left to the largest remainder.
        var balances = await Task.WhenAll(units.Select(Balance));
        Assert.Equal(new[] { 180_000L - 59_995, 90_000L - 29_997, 30_030L - 10_009 }, balances);
        var detail = (await Housing.GetFromJsonAsync<RepairProjectDetailResponse>($"/api/funds/v1/repair-projects/{project.Id}", FundsHost.Json))!;
        Assert.Equal(100_001, detail.UnitShares!.Sum(s => s.ChargedFen));
        // Every home still holds two thirds of its deposit: nothing demanded yet.
        Assert.Equal(0, await Count("top_up_demands", $"community_id = '{community}'"));

        // A second payment leaves every home below 30% of its deposit: each is asked to top up to its initial deposit.
        Assert.Equal(HttpStatusCode.Created, (await Disburse(project.Id, 120_000)).StatusCode);
        Assert.Equal(3, await Count("top_up_demands", $"community_id = '{community}' AND settled_at IS NULL"));
        Assert.Equal(3, await Count("outbox_messages", $"type = '{typeof(TopUpDemanded).FullName}' AND payload->>'communityId' = '{community}'"));

        Assert.Equal(HttpStatusCode.OK, (await Company(company).PostAsync($"/api/funds/v1/repair-projects/{project.Id}/acceptance", null)).StatusCode);
        var mismatch = await Housing.PostAsJsonAsync($"/api/funds/v1/repair-projects/{project.Id}/settlement", new { finalCostFen = 220_000 });
        Assert.EndsWith("settlement_mismatch", (await ProblemResponse.ReadAsync(mismatch)).Type);
        Assert.Equal(HttpStatusCode.OK, (await Housing.PostAsJsonAsync($"/api/funds/v1/repair-projects/{project.Id}/settlement", new { finalCostFen = 220_001 })).StatusCode);
        using var anonymous = Funds.Host.CreateHttpClient();
        var published = (await anonymous.GetFromJsonAsync<RepairProjectResponse>($"/public/funds/v1/repair-projects/{project.Id}", FundsHost.Json))!;
        Assert.Equal((RepairStatus.Settled, 220_001L), (published.Status, published.DisbursedFen));
        Assert.Single(await Flags(community)); // on budget: no over-budget flag
    }

    [Fact]
    public async Task The_sitting_owners_committee_may_propose_a_repair_and_another_owner_may_not()
    {
        var (community, _, units) = await FundedCommunity();
        var (member, owner) = (Guid.NewGuid(), Guid.NewGuid());
        await Funds.Unit(community, member, 80m, Guid.NewGuid());
        await Funds.Unit(community, owner, 70m, Guid.NewGuid());
        var today = CountyCalendar.Today;
        await Funds.Publish(new OwnersCommitteeElected(community, Guid.NewGuid(), Guid.NewGuid(), 3, today.AddDays(-1), today.AddYears(5),
            [member, Guid.NewGuid(), Guid.NewGuid()], DateTimeOffset.UtcNow));
        await Eventually.Until(async () => await Count("committee_seats", $"community_id = '{community}' AND owner_id = '{member}'") == 1,
            TimeSpan.FromSeconds(30), "the committee's seats in funds");
        var body = new { track = "Normal", title = "更换单元门禁", item = "单元门禁", scopeUnitIds = units, budgetFen = 30_000, contractorId = Guid.NewGuid(), contractorName = "门禁公司" };

        using var asMember = Funds.As(TestTokens.ForOwner(member));
        using var asOwner = Funds.As(TestTokens.ForOwner(owner));
        var proposed = await asMember.PostAsJsonAsync($"/api/funds/v1/communities/{community}/repair-projects", body);
        var refused = await asOwner.PostAsJsonAsync($"/api/funds/v1/communities/{community}/repair-projects", body);

        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.EndsWith("repair_proposer", (await ProblemResponse.ReadAsync(refused)).Type);
    }

    [Fact]
    public async Task Approval_waits_for_the_publicity_and_a_rejected_project_is_never_approved()
    {
        var (community, company, units) = await FundedCommunity();
        var fresh = await Propose(Company(company), community, units, 50_000);
        var rejected = await Propose(Company(company), community, units, 50_000);

        await Passed(fresh, units, DateTimeOffset.UtcNow);
        await Funds.Publish(new ResolutionRejected(Guid.NewGuid(), community, OwnersMatter.UseMaintenanceFunds, rejected.Title, VoteScopeKind.Units, units,
            rejected.VoteReference, new Dictionary<string, string>(), "civil-code-2021", new ResolutionFigures(3, 100.01m, 3, 100.01m, 1, 10.01m), false, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        await Eventually.Until(async () => (await Project(fresh.Id)).Status == RepairStatus.InPublicity && (await Project(rejected.Id)).Status == RepairStatus.Rejected,
            TimeSpan.FromSeconds(30), "both resolutions in funds");

        var tooSoon = await Housing.PostAsync($"/api/funds/v1/repair-projects/{fresh.Id}/approval", null);
        var never = await Housing.PostAsync($"/api/funds/v1/repair-projects/{rejected.Id}/approval", null);
        Assert.EndsWith("publicity_not_over", (await ProblemResponse.ReadAsync(tooSoon)).Type);
        Assert.EndsWith("project_not_approvable", (await ProblemResponse.ReadAsync(never)).Type);
        using var company_ = Company(company);
        Assert.Equal(HttpStatusCode.Forbidden, (await company_.PostAsync($"/api/funds/v1/repair-projects/{fresh.Id}/approval", null)).StatusCode);
    }

    [Fact]
    public async Task The_emergency_track_pays_without_a_vote_within_its_yearly_limit_and_a_repeat_for_the_same_item_is_flagged()
    {
        var (community, company, units) = await FundedCommunity();
        var approved = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var project = await Propose(Company(company), community, units, 10_000, track: "Emergency", item: i < 2 ? "1单元电梯" : $"水泵{i}");
            approved.Add((await Housing.PostAsync($"/api/funds/v1/repair-projects/{project.Id}/approval", null)).StatusCode);
            if (i == 0)
            {
                Assert.Equal(HttpStatusCode.Created, (await Disburse(project.Id, 9_000)).StatusCode);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Conflict], approved);
        var flag = Assert.Single(await Flags(community));
        Assert.Equal(MisuseKind.RepeatedEmergency, flag.Kind);
        Assert.Contains("1单元电梯", flag.Evidence);
    }

    [Fact]
    public async Task A_blacklisted_contractor_is_never_paid_and_the_attempt_is_flagged()
    {
        var (community, company, units) = await FundedCommunity();
        var contractor = Guid.NewGuid();
        var project = await Propose(Company(company), community, units, 10_000, track: "Emergency", contractor: contractor);
        Assert.Equal(HttpStatusCode.OK, (await Housing.PostAsync($"/api/funds/v1/repair-projects/{project.Id}/approval", null)).StatusCode);
        var today = CountyCalendar.Today;

        await Funds.Publish(new PropertyCompanyBlacklisted(contractor, BlacklistReason.FalseInformation, today.AddDays(-1), today.AddYears(1), DateTimeOffset.UtcNow));
        await Eventually.Until(async () => await Count("blacklisted_contractors", $"contractor_id = '{contractor}'") == 1, TimeSpan.FromSeconds(30), "the blacklist in funds");
        var before = await Count("journal_transactions", $"community_id = '{community}'");

        var refused = await Disburse(project.Id, 5_000);
        var proposal = await Company(company).PostAsJsonAsync($"/api/funds/v1/communities/{community}/repair-projects", new
        {
            track = "Normal", title = "t", item = "i", scopeUnitIds = units, budgetFen = 1, contractorId = contractor, contractorName = "c",
        });

        Assert.EndsWith("contractor_blacklisted", (await ProblemResponse.ReadAsync(refused)).Type);
        Assert.EndsWith("contractor_blacklisted", (await ProblemResponse.ReadAsync(proposal)).Type);
        Assert.Equal(before, await Count("journal_transactions", $"community_id = '{community}'"));
        var flag = Assert.Single(await Flags(community));
        Assert.Equal((MisuseKind.BlacklistedContractorPayment, project.Id), (flag.Kind, flag.ProjectId));
        Assert.Contains(contractor.ToString(), flag.Evidence);
    }

    [Fact]
    public async Task One_job_split_under_the_threshold_and_a_settlement_over_budget_are_flagged_with_their_evidence()
    {
        var (community, company, units) = await FundedCommunity();
        var contractor = Guid.NewGuid();
        var parts = new List<RepairProjectResponse>();
        for (var i = 0; i < 3; i++)
        {
            parts.Add(await Propose(Company(company), community, units, 8_000_000, contractor: contractor, item: $"屋面防水第{i + 1}段"));
        }

        var split = Assert.Single(await Flags(community));
        Assert.Equal((MisuseKind.SplitProjects, parts[2].Id), (split.Kind, split.ProjectId));
        Assert.Contains(parts[0].Id.ToString(), split.Evidence);

        var small = await Propose(Company(company), community, units, 10_000, track: "Emergency");
        await Housing.PostAsync($"/api/funds/v1/repair-projects/{small.Id}/approval", null);
        Assert.Equal(HttpStatusCode.Created, (await Disburse(small.Id, 11_001)).StatusCode); // 10.01% over
        await Company(company).PostAsync($"/api/funds/v1/repair-projects/{small.Id}/acceptance", null);
        Assert.Equal(HttpStatusCode.OK, (await Housing.PostAsJsonAsync($"/api/funds/v1/repair-projects/{small.Id}/settlement", new { finalCostFen = 11_001 })).StatusCode);

        Assert.Contains(await Flags(community), f => f.Kind == MisuseKind.OverBudgetSettlement && f.ProjectId == small.Id && f.Evidence.Contains("11001 fen"));
        using var asCompany = Company(company);
        Assert.Equal(HttpStatusCode.Forbidden, (await asCompany.GetAsync($"/api/funds/v1/misuse-flags?communityId={community}")).StatusCode);
    }

    [Fact]
    public async Task A_payment_that_would_overdraw_a_ledger_is_refused_and_writes_nothing()
    {
        var (community, company, units) = await FundedCommunity();
        var project = await Propose(Company(company), community, units, 10_000_000, track: "Emergency");
        await Housing.PostAsync($"/api/funds/v1/repair-projects/{project.Id}/approval", null);
        var before = await Count("journal_transactions", $"community_id = '{community}'");

        var refused = await Disburse(project.Id, 300_031);

        Assert.EndsWith("insufficient_funds", (await ProblemResponse.ReadAsync(refused)).Type);
        Assert.Equal(before, await Count("journal_transactions", $"community_id = '{community}'"));
    }

    [Fact]
    public async Task Two_hundred_concurrent_disbursements_and_deposits_on_one_community_never_break_an_invariant()
    {
        var (community, company, units) = await FundedCommunity();
        var project = await Propose(Company(company), community, units, 100_000_000, track: "Emergency", item: "并发");
        Assert.Equal(HttpStatusCode.OK, (await Housing.PostAsync($"/api/funds/v1/repair-projects/{project.Id}/approval", null)).StatusCode);

        var calls = Enumerable.Range(0, 200).Select(i => i % 2 == 0
            ? Disburse(project.Id, 2_000 + i)
            : Housing.PostAsJsonAsync($"/api/funds/v1/units/{units[i % 3]}/deposits",
                new { kind = "Other", amountFen = 1_000 + i, bankReference = $"C-{community:N}-{i}", depositedOn = CountyCalendar.Today }));
        var answers = await Task.WhenAll(calls);

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        var paid = Enumerable.Range(0, 200).Where(i => i % 2 == 0 && answers[i].StatusCode == HttpStatusCode.Created).Sum(i => 2_000L + i);
        Assert.Equal(paid, (await Project(project.Id)).DisbursedFen);
        Assert.Equal(100, answers.Where((_, i) => i % 2 == 1).Count(a => a.StatusCode == HttpStatusCode.Created));
        var verification = await Funds.Verify();
        Assert.True(verification.Holds, string.Join("\n", verification.Violations));
    }

    public static TheoryData<string, string> BadProposals => new()
    {
        { """{"track":"Normal","title":"t","item":"i","scopeUnitIds":[],"budgetFen":1,"contractorId":"0196f0e0-0000-7000-8000-000000000001","contractorName":"c"}""", "scopeUnitIds" },
        { """{"track":"Normal","title":"t","item":"i","scopeUnitIds":["0196f0e0-0000-7000-8000-000000000002"],"budgetFen":-5,"contractorId":"0196f0e0-0000-7000-8000-000000000001","contractorName":"c"}""", "budgetFen" },
        { """{"track":"Emergency","title":"t","item":"i","scopeUnitIds":["0196f0e0-0000-7000-8000-000000000002"],"budgetFen":5,"contractorId":"0196f0e0-0000-7000-8000-000000000001","contractorName":"c"}""", "emergencyCategory" },
        { """{"track":"Normal","title":"t","item":"i","scopeUnitIds":["0196f0e0-0000-7000-8000-000000000002"],"budgetFen":5,"contractorId":"0196f0e0-0000-7000-8000-000000000001","contractorName":"c"}""", "scopeUnitIds" },
        { """{"track":"Sideways","title":"t","item":"i","scopeUnitIds":["0196f0e0-0000-7000-8000-000000000002"],"budgetFen":5,"contractorId":"0196f0e0-0000-7000-8000-000000000001","contractorName":"c"}""", "track" },
        { """{"track":"Normal","item":"i","scopeUnitIds":["0196f0e0-0000-7000-8000-000000000002"],"budgetFen":5,"contractorId":"0196f0e0-0000-7000-8000-000000000001","contractorName":"c"}""", "title" },
    };

    [Theory]
    [MemberData(nameof(BadProposals))]
    public async Task A_bad_proposal_is_a_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var community = await Funds.Community();
        var before = await Count("repair_projects") + await Count("misuse_flags");

        var response = await Funds.Client.PostAsync($"/api/funds/v1/communities/{community}/repair-projects", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        Assert.Equal(before, await Count("repair_projects") + await Count("misuse_flags"));
    }
    [Fact]
    public async Task Bad_payment_and_settlement_requests_are_400s_naming_the_field_and_write_nothing()
    {
        var (community, company, units) = await FundedCommunity();
        var project = await Propose(Company(company), community, units, 10_000, track: "Emergency");
        await Housing.PostAsync($"/api/funds/v1/repair-projects/{project.Id}/approval", null);
        var before = await Count("journal_transactions", $"community_id = '{community}'");

        foreach (var (path, body, field) in new[]
                 {
                     ("disbursements", """{"amountFen":0,"bankReference":"R"}""", "amountFen"),
                     ("disbursements", """{"amountFen":2.5,"bankReference":"R"}""", "amountFen"),
                     ("disbursements", """{"amountFen":100}""", "bankReference"),
                     ("settlement", """{"finalCostFen":-1}""", "finalCostFen"),
                 })
        {
            var response = await Housing.PostAsync($"/api/funds/v1/repair-projects/{project.Id}/{path}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        }

        Assert.Equal(before, await Count("journal_transactions", $"community_id = '{community}'"));
        Assert.Equal(HttpStatusCode.NotFound, (await Disburse(Guid.NewGuid(), 100)).StatusCode);
    }
}
