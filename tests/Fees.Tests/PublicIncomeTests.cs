using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Platform.Contracts.Events;
using Platform.Fees.Api.PublicIncome;
using Platform.Fees.Domain.PublicIncome;
using Platform.TestKit;

namespace Platform.Fees.Tests;

/// <summary>A community's public-income ledger: parking income from the broker once, manual entries, the owners' split.</summary>
public sealed class PublicIncomeTests(FeesHost fees) : IClassFixture<FeesHost>
{
    private Task<long> Count(string table, string where = "true") => Sql.CountAsync(fees.Host.DatabaseConnectionString, table, where);

    private async Task<PublicIncomeLedgerResponse> Ledger(Guid community) =>
        (await fees.Client.GetFromJsonAsync<PublicIncomeLedgerResponse>($"/api/fees/v1/communities/{community}/public-income", FeesHost.Json))!;

    [Fact]
    public async Task Parking_income_on_owners_common_spaces_is_booked_once_however_often_it_is_delivered_and_other_income_not_at_all()
    {
        var community = await fees.Community();
        var revenue = new ParkingRevenueRecorded(Guid.NewGuid(), community, Guid.NewGuid(), 12_345, true, new DateOnly(2026, 11, 1), DateTimeOffset.UtcNow);
        var messageId = NewId.NextGuid();

        await BrokerPublishing.PublishAsync(revenue, messageId);
        await BrokerPublishing.PublishAsync(revenue, messageId);
        await BrokerPublishing.PublishAsync(revenue); // the same revenue again, as a new message
        await BrokerPublishing.PublishAsync(revenue with { RevenueId = Guid.NewGuid(), OnOwnersCommonSpaces = false, AmountFen = 99_999 });

        await Eventually.Until(async () => await Count("inbox_messages", "consumer = 'fees:ParkingRevenueRecorded'") >= 3, TimeSpan.FromSeconds(30), "the deliveries are handled");
        var ledger = await Ledger(community);
        var entry = Assert.Single(ledger.Entries);
        Assert.Equal((PublicIncomeSource.ParkingOnCommonSpaces, 12_345L), (entry.Source, entry.AmountFen));
        Assert.Equal(1, await Count("outbox_messages", $"type = 'Platform.Contracts.Events.PublicIncomeRecorded' AND payload->>'communityId' = '{community}'"));
    }

    [Fact]
    public async Task Net_income_goes_to_the_owners_unless_a_resolution_agreed_a_split_and_the_company_never_gets_the_fen_in_doubt()
    {
        var community = await fees.Community();
        foreach (var (kind, source, amount) in new[] { ("Income", "ElevatorAdvertising", 100_001L), ("Expense", "Maintenance", 20_000L) })
        {
            var booked = await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/public-income",
                new { kind, source, amountFen = amount, description = "电梯广告费 2026 年第四季度", occurredOn = "2026-10-01" });
            Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        }

        var before = await Ledger(community);
        Assert.Equal((80_001L, 100, 80_001L, 0L), (before.NetFen, before.OwnersSharePercent, before.OwnersShareFen, before.CompanyShareFen));

        var proposal = Guid.NewGuid();
        var resolution = new ResolutionPassed(proposal, community, OwnersMatter.OtherMajorMatter, "公共收益分配", VoteScopeKind.Community, [], null,
            new Dictionary<string, string> { [PublicIncomeSplit.OwnersSharePercentTerm] = "70" }, "cn-civil-code-2021",
            new ResolutionFigures(10, 1000m, 8, 800m, 7, 700m), SplitDecidedAt, DateTimeOffset.UtcNow);
        await fees.Publish(resolution);
        await fees.Publish(resolution);

        await Eventually.Until(async () => (await Ledger(community)).SplitResolutionId == proposal, TimeSpan.FromSeconds(30), "the split from the resolution");
        var after = await Ledger(community);
        // 30% of 80,001 is 24,000.3: the company gets 24,000, the owners 56,001.
        Assert.Equal((70, 56_001L, 24_000L), (after.OwnersSharePercent, after.OwnersShareFen, after.CompanyShareFen));
        Assert.Equal([1L, 2L], after.Entries.Select(e => e.Position));
        Assert.Equal(1, await Count("public_income_splits", $"community_id = '{community}'"));
    }

    /// <summary>Noon in Beijing on 2026-09-15: before every entry the split tests book.</summary>
    private static readonly DateTimeOffset SplitDecidedAt = new(2026, 9, 15, 4, 0, 0, TimeSpan.Zero);

    private static ResolutionPassed Resolution(Guid community, OwnersMatter matter, VoteScopeKind scope, IReadOnlyList<Guid> units,
        Dictionary<string, string> terms, DateTimeOffset? decidedAt = null) =>
        new(Guid.NewGuid(), community, matter, "公共收益", scope, units, null, terms, "cn-civil-code-2021",
            new ResolutionFigures(10, 1000m, 8, 800m, 7, 700m), decidedAt ?? SplitDecidedAt, DateTimeOffset.UtcNow);

    private async Task Book(Guid community, long amountFen, string occurredOn) =>
        Assert.Equal(HttpStatusCode.Created, (await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/public-income",
            new { kind = "Income", source = "ElevatorAdvertising", amountFen, description = "电梯广告费", occurredOn })).StatusCode);

    /// <summary>A community-wide resolution of matter 9 agreeing covers up to a limit, once fees holds it.</summary>
    private async Task<Guid> Agreed(Guid community, long limitFen)
    {
        var resolution = Resolution(community, OwnersMatter.OtherMajorMatter, VoteScopeKind.Community, [],
            new Dictionary<string, string> { [PublicIncomeResolutions.ShortfallCoverLimitTerm] = limitFen.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await fees.Publish(resolution);
        await Eventually.Until(async () => await Count("owners_resolutions", $"proposal_id = '{resolution.ProposalId}'") == 1,
            TimeSpan.FromSeconds(30), "the resolution in fees' copy");
        return resolution.ProposalId;
    }

    [Fact]
    public async Task A_split_from_a_one_unit_a_buildings_or_a_wrong_matter_resolution_changes_nothing_and_is_audited()
    {
        var community = await fees.Community();
        var unit = await fees.Unit(community, Guid.NewGuid(), 90m);
        await Book(community, 100_000, "2026-10-01");
        var giveAway = new Dictionary<string, string> { [PublicIncomeSplit.OwnersSharePercentTerm] = "0" };
        var ignored = new[]
        {
            Resolution(community, OwnersMatter.OtherMajorMatter, VoteScopeKind.Units, [unit], giveAway),
            Resolution(community, OwnersMatter.OtherMajorMatter, VoteScopeKind.Buildings, [unit], giveAway),
            Resolution(community, OwnersMatter.HireOrDismissPropertyCompany, VoteScopeKind.Community, [unit], giveAway),
        };

        foreach (var resolution in ignored)
        {
            await fees.Publish(resolution);
        }

        await Eventually.Until(async () => await Count("audit_entries",
                $"action = 'IgnorePublicIncomeSplit' AND target IN ({string.Join(",", ignored.Select(r => $"'resolutions/{r.ProposalId}'"))})") == ignored.Length,
            TimeSpan.FromSeconds(30), "every ignored split in the audit trail");
        var ledger = await Ledger(community);
        Assert.Equal((100, (Guid?)null, 100_000L, 0L), (ledger.OwnersSharePercent, ledger.SplitResolutionId, ledger.OwnersShareFen, ledger.CompanyShareFen));
        Assert.Equal(0, await Count("public_income_splits", $"community_id = '{community}'"));
    }

    [Fact]
    public async Task A_community_wide_resolution_of_matter_9_changes_the_split_from_its_effective_date_only()
    {
        var community = await fees.Community();
        await Book(community, 100_000, "2026-10-01");
        var resolution = Resolution(community, OwnersMatter.OtherMajorMatter, VoteScopeKind.Community, [],
            new Dictionary<string, string> { [PublicIncomeSplit.OwnersSharePercentTerm] = "70" }, new DateTimeOffset(2026, 10, 15, 4, 0, 0, TimeSpan.Zero));
        await Book(community, 50_001, "2026-10-20");

        await fees.Publish(resolution);

        await Eventually.Until(async () => (await Ledger(community)).SplitResolutionId == resolution.ProposalId, TimeSpan.FromSeconds(30), "the split");
        var ledger = await Ledger(community);
        // Income before 2026-10-15 stays the owners'; 30% of the 50,001 after it is 15,000.3: the company gets 15,000.
        Assert.Equal((70, 150_001L, 135_001L, 15_000L), (ledger.OwnersSharePercent, ledger.NetFen, ledger.OwnersShareFen, ledger.CompanyShareFen));
    }

    [Fact]
    public async Task A_shortfall_cover_needs_a_passed_community_resolution_of_this_community_naming_a_limit_referenced_by_id()
    {
        const int year = 2081;
        using var pricing = fees.As(TestTokens.WithDefaults(Platform.BuildingBlocks.Security.OrganisationTypes.DevelopmentAndReform));
        await pricing.PostAsJsonAsync("/api/fees/v1/price-bands", new { year, starLevel = 1, use = "Residential", baseFen = 50, floatPercent = 10 });
        var company = Guid.NewGuid();
        var community = await fees.Community(starLevel: 1, propertyCompanyId: company, old: true);
        var other = await fees.Community(starLevel: 1, old: true);
        using var asCompany = fees.As(TestTokens.For(Platform.BuildingBlocks.Security.OrganisationTypes.PropertyCompany, company, [.. Platform.BuildingBlocks.Security.Scopes.All]));
        Assert.Equal(HttpStatusCode.Created, (await asCompany.PostAsJsonAsync($"/api/fees/v1/communities/{community}/fee-standards",
            new { use = "Residential", rateFen = 50, effectiveFrom = $"{year}-01" })).StatusCode);
        var unit = await fees.Unit(community, Guid.NewGuid(), 100m); // 5,000 fen a month, none collected
        Assert.Equal(HttpStatusCode.Created, (await asCompany.PostAsJsonAsync($"/api/fees/v1/communities/{community}/bill-runs", new { period = $"{year}-01" })).StatusCode);
        await Book(community, 10_000, "2026-10-01");
        var limit = new Dictionary<string, string> { [PublicIncomeResolutions.ShortfallCoverLimitTerm] = "2000" };
        var foreign = Resolution(other, OwnersMatter.OtherMajorMatter, VoteScopeKind.Community, [], limit);
        var oneUnit = Resolution(community, OwnersMatter.OtherMajorMatter, VoteScopeKind.Units, [unit], limit);
        var wrongMatter = Resolution(community, OwnersMatter.ChangeUseOfCommonParts, VoteScopeKind.Community, [], limit);
        var noLimit = Resolution(community, OwnersMatter.OtherMajorMatter, VoteScopeKind.Community, [], new Dictionary<string, string> { ["x"] = "y" });
        var agreed = Resolution(community, OwnersMatter.OtherMajorMatter, VoteScopeKind.Community, [], limit);
        var covers = $"/api/fees/v1/communities/{community}/public-income/fee-shortfall-covers";
        var before = await Count("public_income_entries", $"community_id = '{community}'");

        var onItsOwnSay = await asCompany.PostAsJsonAsync(covers, new { period = $"{year}-01", amountFen = 1_000, description = "弥补物业费" });
        Assert.Equal(HttpStatusCode.BadRequest, onItsOwnSay.StatusCode);
        foreach (var resolution in new[] { foreign, oneUnit, wrongMatter, noLimit, agreed })
        {
            await fees.Publish(resolution);
        }

        await Eventually.Until(async () => await Count("owners_resolutions", $"proposal_id = '{agreed.ProposalId}'") == 1
                                           && await Count("owners_resolutions", $"proposal_id = '{noLimit.ProposalId}'") == 1,
            TimeSpan.FromSeconds(30), "the resolutions in fees' copy");
        foreach (var resolutionId in new[] { Guid.NewGuid(), foreign.ProposalId, oneUnit.ProposalId, wrongMatter.ProposalId, noLimit.ProposalId })
        {
            var refused = await asCompany.PostAsJsonAsync(covers, new { period = $"{year}-01", amountFen = 1_000, description = "弥补物业费", resolutionId });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("resolutionId", (await ProblemResponse.ReadAsync(refused)).Errors!.Keys);
        }

        Assert.Equal(before, await Count("public_income_entries", $"community_id = '{community}'"));
        var first = await asCompany.PostAsJsonAsync(covers, new { period = $"{year}-01", amountFen = 1_500, description = "弥补物业费", resolutionId = agreed.ProposalId });
        var overLimit = await asCompany.PostAsJsonAsync(covers, new { period = $"{year}-01", amountFen = 501, description = "再弥补", resolutionId = agreed.ProposalId });
        var rest = await asCompany.PostAsJsonAsync(covers, new { period = $"{year}-01", amountFen = 500, description = "再弥补", resolutionId = agreed.ProposalId });

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Created], new[] { first, overLimit, rest }.Select(r => r.StatusCode));
        Assert.EndsWith("cover_exceeds_resolution", (await ProblemResponse.ReadAsync(overLimit)).Type);
        Assert.Equal([agreed.ProposalId, agreed.ProposalId],
            (await Ledger(community)).Entries.Where(e => e.Kind == PublicIncomeKind.FeeShortfallCover).Select(e => e.ResolutionId));
    }

    [Fact]
    public async Task Bad_entries_are_a_400_naming_the_field_and_write_nothing()
    {
        var community = await fees.Community();
        var before = await Count("public_income_entries") + await Count("outbox_messages");
        foreach (var (body, field) in new (string, string)[]
                 {
                     ("""{"kind":"Income","source":"VenueRental","amountFen":-1,"description":"d","occurredOn":"2026-01-01"}""", "amountFen"),
                     ("""{"kind":"Income","source":"VenueRental","amountFen":1.5,"description":"d","occurredOn":"2026-01-01"}""", "amountFen"),
                     ("""{"kind":"Gift","source":"VenueRental","amountFen":100,"description":"d","occurredOn":"2026-01-01"}""", "kind"),
                     ("""{"kind":"TransferToFund","source":"OwnersShare","amountFen":100,"description":"d","occurredOn":"2026-01-01"}""", "kind"),
                     ("""{"kind":"Income","source":"Lottery","amountFen":100,"description":"d","occurredOn":"2026-01-01"}""", "source"),
                     ("""{"kind":"Income","source":"VenueRental","amountFen":100,"occurredOn":"2026-01-01"}""", "description"),
                     ("""{"kind":"Income","source":"VenueRental","amountFen":100,"description":"d","occurredOn":"2999-01-01"}""", "occurredOn"),
                 })
        {
            var response = await fees.Client.PostAsync($"/api/fees/v1/communities/{community}/public-income", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        }

        Assert.Equal(before, await Count("public_income_entries") + await Count("outbox_messages"));
    }

    [Fact]
    public async Task Only_the_owners_available_share_moves_to_the_fund_and_the_fund_hears_of_it()
    {
        var company = Guid.NewGuid();
        var community = await fees.Community(propertyCompanyId: company);
        Assert.Equal(HttpStatusCode.Created, (await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/public-income",
            new { kind = "Income", source = "VenueRental", amountFen = 50_000, description = "活动室租金", occurredOn = "2026-09-01" })).StatusCode);
        var transfers = $"/api/fees/v1/communities/{community}/public-income/transfers-to-fund";

        var first = await fees.Client.PostAsJsonAsync(transfers, new { amountFen = 30_000, description = "划入专项维修资金" });
        var tooMuch = await fees.Client.PostAsJsonAsync(transfers, new { amountFen = 20_001, description = "再次划入" });
        var rest = await fees.Client.PostAsJsonAsync(transfers, new { amountFen = 20_000, description = "再次划入" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        Assert.EndsWith("owners_share_exceeded", (await ProblemResponse.ReadAsync(tooMuch)).Type);
        Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
        var ledger = await Ledger(community);
        Assert.Equal((50_000L, 50_000L, 50_000L, 0L, 0L), (ledger.NetFen, ledger.OwnersShareFen, ledger.TransferredToFundFen, ledger.OwnersAvailableFen, ledger.CompanyShareFen));
        Assert.Equal(2, await Count("outbox_messages", $"type = 'Platform.Contracts.Events.PublicIncomeTransferredToFund' AND payload->>'communityId' = '{community}'"));
        using var asOtherCompany = fees.As(TestTokens.For(Platform.BuildingBlocks.Security.OrganisationTypes.PropertyCompany, Guid.NewGuid(), Platform.BuildingBlocks.Security.Scopes.FeesWrite));
        Assert.Equal(HttpStatusCode.NotFound, (await asOtherCompany.PostAsJsonAsync(transfers, new { amountFen = 1, description = "x" })).StatusCode);
    }
    [Fact]
    public async Task In_an_old_community_the_owners_share_covers_a_months_uncollected_fees_but_never_more()
    {
        const int year = 2080;
        using var pricing = fees.As(TestTokens.WithDefaults(Platform.BuildingBlocks.Security.OrganisationTypes.DevelopmentAndReform));
        await pricing.PostAsJsonAsync("/api/fees/v1/price-bands", new { year, starLevel = 1, use = "Residential", baseFen = 50, floatPercent = 10 });
        var community = await fees.Community(starLevel: 1, old: true);
        var newer = await fees.Community(starLevel: 1);
        Assert.Equal(HttpStatusCode.Created, (await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/fee-standards",
            new { use = "Residential", rateFen = 50, effectiveFrom = $"{year}-01" })).StatusCode);
        var unit = await fees.Unit(community, Guid.NewGuid(), 100m); // 5,000 fen a month
        Assert.Equal(HttpStatusCode.Created, (await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/bill-runs", new { period = $"{year}-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fees.Client.PostAsJsonAsync($"/api/fees/v1/units/{unit}/payments",
            new { amountFen = 1_000, method = "Cash", reference = "R-80" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/public-income",
            new { kind = "Income", source = "ElevatorAdvertising", amountFen = 3_500, description = "电梯广告", occurredOn = "2026-01-05" })).StatusCode);
        var covers = $"/api/fees/v1/communities/{community}/public-income/fee-shortfall-covers";
        var agreed = await Agreed(community, 1_000_000);
        var newerAgreed = await Agreed(newer, 1_000_000);

        var overShare = await fees.Client.PostAsJsonAsync(covers, new { period = $"{year}-01", amountFen = 3_501, description = "弥补物业费", resolutionId = agreed });
        var first = await fees.Client.PostAsJsonAsync(covers, new { period = $"{year}-01", amountFen = 3_000, description = "弥补物业费", resolutionId = agreed });
        Assert.Equal(HttpStatusCode.Created, (await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/public-income",
            new { kind = "Income", source = "VenueRental", amountFen = 5_000, description = "场地租金", occurredOn = "2026-01-06" })).StatusCode);
        var overShortfall = await fees.Client.PostAsJsonAsync(covers, new { period = $"{year}-01", amountFen = 1_001, description = "再弥补", resolutionId = agreed });
        var rest = await fees.Client.PostAsJsonAsync(covers, new { period = $"{year}-01", amountFen = 1_000, description = "再弥补", resolutionId = agreed });
        var notOld = await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{newer}/public-income/fee-shortfall-covers",
            new { period = $"{year}-01", amountFen = 1, description = "x", resolutionId = newerAgreed });

        Assert.Equal([HttpStatusCode.Conflict, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Created, HttpStatusCode.Conflict],
            new[] { overShare, first, overShortfall, rest, notOld }.Select(r => r.StatusCode));
        Assert.EndsWith("shortfall_exceeded", (await ProblemResponse.ReadAsync(overShare)).Type);
        Assert.EndsWith("shortfall_exceeded", (await ProblemResponse.ReadAsync(overShortfall)).Type);
        Assert.EndsWith("not_old_community", (await ProblemResponse.ReadAsync(notOld)).Type);
        var ledger = await Ledger(community);
        Assert.Equal((8_500L, 4_000L, 4_500L), (ledger.OwnersShareFen, ledger.ShortfallCoveredFen, ledger.OwnersAvailableFen));
        Assert.Equal([$"{year}-01", $"{year}-01"], ledger.Entries.Where(e => e.Kind == PublicIncomeKind.FeeShortfallCover).Select(e => e.CoversPeriod));
    }
}
