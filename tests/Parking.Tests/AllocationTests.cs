using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.TestKit;
using Xunit;

namespace Platform.Parking.Tests;

/// <summary>Who gets a space (Civil Code art. 276), at what price, and one winner per space.</summary>
public sealed class AllocationTests(ParkingHost parking) : IClassFixture<ParkingHost>
{
    private const string Api = ParkingHost.Api;

    private async Task<(Guid Community, HttpClient Company, Guid Lot)> CommunityWithLot()
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        var company = parking.Company(companyId);
        var lot = (await parking.Lot(company, community)).GetProperty("id").GetGuid();
        return (community, company, lot);
    }

    private static object Lease(Guid? ownerId, long priceFen = 300_00, int months = 3) =>
        new { kind = "Lease", ownerId, holderName = ownerId is null ? "访客张某" : "业主", priceFen, months, startsOn = "2026-12-01" };

    [Fact]
    public async Task A_non_owner_is_refused_a_developers_space_while_an_owner_waits_and_the_owner_gets_it()
    {
        var (community, company, lot) = await CommunityWithLot();
        var owner = Guid.NewGuid();
        await parking.Owner(community, owner);
        var space = await parking.Space(company, lot, "DeveloperUnsold");
        Assert.Equal(HttpStatusCode.Created, (await company.PostAsJsonAsync($"{Api}/communities/{community}/waiting-list", new { ownerId = owner })).StatusCode);

        var toStranger = await company.PostAsJsonAsync($"{Api}/spaces/{space}/allocations", Lease(null));
        var problem = await ProblemResponse.ReadAsync(toStranger);

        Assert.Equal(HttpStatusCode.Conflict, toStranger.StatusCode);
        Assert.EndsWith("/owners_waiting", problem.Type);
        Assert.Equal(0, await Sql.CountAsync(parking.Database, "space_allocations", $"space_id = '{space}'"));
        Assert.Equal(0, await Sql.CountAsync(parking.Database, "outbox_messages", $"type LIKE '%SpaceAllocated%' AND payload::text LIKE '%{space}%'"));

        var toOwner = await company.PostAsJsonAsync($"{Api}/spaces/{space}/allocations",
            new { kind = "Sale", ownerId = owner, holderName = "业主", priceFen = 120_000_00, startsOn = "2026-12-01" });
        Assert.Equal(HttpStatusCode.Created, toOwner.StatusCode);
        var waiting = await company.GetFromJsonAsync<JsonElement>($"{Api}/communities/{community}/waiting-list");
        Assert.Equal(0, waiting.GetProperty("total").GetInt32());
        var state = (await company.GetFromJsonAsync<JsonElement>($"{Api}/lots/{lot}/spaces")).GetProperty("items");
        Assert.Equal("Sold", state[0].GetProperty("state").GetString());
        Assert.Equal(owner, state[0].GetProperty("holderOwnerId").GetGuid());
    }

    [Fact]
    public async Task With_no_owner_waiting_a_non_owner_may_lease_for_the_limited_term_but_not_buy()
    {
        var (_, company, lot) = await CommunityWithLot();
        var space = await parking.Space(company, lot, "DeveloperUnsold");

        var sale = await company.PostAsJsonAsync($"{Api}/spaces/{space}/allocations", new { kind = "Sale", holderName = "外来人员", priceFen = 100_000_00, startsOn = "2026-12-01" });
        var longLease = await company.PostAsJsonAsync($"{Api}/spaces/{space}/allocations", Lease(null, months: 7));
        var lease = await company.PostAsJsonAsync($"{Api}/spaces/{space}/allocations", Lease(null, months: 6));

        Assert.EndsWith("/sale_to_non_owner", (await ProblemResponse.ReadAsync(sale)).Type);
        Assert.EndsWith("/lease_term_too_long", (await ProblemResponse.ReadAsync(longLease)).Type);
        Assert.Equal(HttpStatusCode.Created, lease.StatusCode);
        var created = await lease.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2027-06-01", created.GetProperty("endsOn").GetString());
        await Eventually.Until(async () => await Sql.CountAsync(parking.Database, "outbox_messages", $"type LIKE '%LeaseStarted%' AND payload::text LIKE '%{space}%'") == 1,
            TimeSpan.FromSeconds(5), "LeaseStarted in the outbox");
    }

    [Fact]
    public async Task A_price_over_the_communitys_cap_is_refused_and_one_at_the_cap_accepted()
    {
        var (community, company, lot) = await CommunityWithLot();
        using var pricing = parking.DevelopmentAndReform;
        Assert.Equal(HttpStatusCode.OK, (await pricing.PutAsJsonAsync($"{Api}/communities/{community}/price-caps",
            new { maxSalePriceFen = 150_000_00, maxMonthlyRentFen = 400_00, maxFenPerHour = 600, maxDailyCapFen = 4000 })).StatusCode);
        var owner = Guid.NewGuid();
        await parking.Owner(community, owner);
        var space = await parking.Space(company, lot, "OwnersCommon");

        var over = await company.PostAsJsonAsync($"{Api}/spaces/{space}/allocations", Lease(owner, priceFen: 400_01, months: 12));
        var tariffOver = await company.PutAsJsonAsync($"{Api}/lots/{lot}/tariff", new { freeMinutes = 15, fenPerHour = 601, dailyCapFen = 4000 });
        var at = await company.PostAsJsonAsync($"{Api}/spaces/{space}/allocations", Lease(owner, priceFen: 400_00, months: 12));

        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        Assert.EndsWith("/price_over_cap", (await ProblemResponse.ReadAsync(over)).Type);
        Assert.EndsWith("/tariff_over_cap", (await ProblemResponse.ReadAsync(tariffOver)).Type);
        Assert.Equal(500, (await company.GetFromJsonAsync<JsonElement>($"{Api}/lots/{lot}")).GetProperty("tariff").GetProperty("fenPerHour").GetInt64());
        Assert.Equal(HttpStatusCode.Created, at.StatusCode);
    }

    [Fact]
    public async Task Of_concurrent_requests_for_one_free_space_exactly_one_wins()
    {
        var (community, company, lot) = await CommunityWithLot();
        var owners = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            owners.Add(Guid.NewGuid());
            await parking.Owner(community, owners[^1]);
        }

        var space = await parking.Space(company, lot, "DeveloperUnsold");

        var answers = await Task.WhenAll(owners.Select(owner =>
            company.PostAsJsonAsync($"{Api}/spaces/{space}/allocations", new { kind = "Sale", ownerId = owner, holderName = "业主", priceFen = 100_000_00, startsOn = "2026-12-01" })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(1, await Sql.CountAsync(parking.Database, "space_allocations", $"space_id = '{space}'"));
    }

    [Fact]
    public async Task An_owner_offers_an_idle_sold_space_for_lease_and_gets_it_back_when_the_lease_ends()
    {
        var (community, company, lot) = await CommunityWithLot();
        var (holder, tenant) = (Guid.NewGuid(), Guid.NewGuid());
        await parking.Owner(community, holder);
        await parking.Owner(community, tenant);
        var space = await parking.Space(company, lot, "OwnerOwned", holder);

        var notOffered = await company.PostAsJsonAsync($"{Api}/spaces/{space}/allocations", Lease(tenant));
        var byStranger = await company.PostAsJsonAsync($"{Api}/spaces/{space}/lease-offer", new { ownerId = tenant });
        var offered = await company.PostAsJsonAsync($"{Api}/spaces/{space}/lease-offer", new { ownerId = holder });
        var leased = await company.PostAsJsonAsync($"{Api}/spaces/{space}/allocations", Lease(tenant));
        var allocation = (await leased.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var ended = await company.PostAsync($"{Api}/allocations/{allocation}/end", null);
        var again = await company.PostAsync($"{Api}/allocations/{allocation}/end", null);

        Assert.EndsWith("/space_not_free", (await ProblemResponse.ReadAsync(notOffered)).Type);
        Assert.EndsWith("/not_the_owners_space", (await ProblemResponse.ReadAsync(byStranger)).Type);
        Assert.Equal(HttpStatusCode.OK, offered.StatusCode);
        Assert.Equal(HttpStatusCode.Created, leased.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var spaces = (await company.GetFromJsonAsync<JsonElement>($"{Api}/lots/{lot}/spaces")).GetProperty("items");
        Assert.Equal("Sold", spaces[0].GetProperty("state").GetString());
        Assert.Equal(holder, spaces[0].GetProperty("holderOwnerId").GetGuid());
    }

    [Fact]
    public async Task A_lease_ends_at_its_term_by_itself()
    {
        var (_, company, lot) = await CommunityWithLot();
        var space = await parking.Space(company, lot, "DeveloperUnsold");
        var start = parking.Host.Clock.Today;
        var lease = await company.PostAsJsonAsync($"{Api}/spaces/{space}/allocations",
            new { kind = "Lease", holderName = "外来人员", priceFen = 300_00, months = 1, startsOn = start.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Created, lease.StatusCode);

        parking.Host.Clock.Advance(TimeSpan.FromDays(32));
        try
        {
            await Eventually.Until(async () => await Sql.CountAsync(parking.Database, "parking_spaces", $"id = '{space}' AND state = 'Free'") == 1,
                TimeSpan.FromSeconds(10), "the space free again");
        }
        finally
        {
            parking.Host.Clock.Reset();
        }

        Assert.Equal(1, await Sql.CountAsync(parking.Database, "outbox_messages", $"type LIKE '%LeaseEnded%' AND payload::text LIKE '%{space}%' AND payload::text LIKE '%term%'"));
    }

    [Fact]
    public async Task Only_natural_resources_certifies_ownership_and_an_uncertified_space_is_not_allocated()
    {
        var (_, company, lot) = await CommunityWithLot();
        var registered = await company.PostAsJsonAsync($"{Api}/lots/{lot}/spaces", new { number = "A-001", kind = "Planned" });
        var space = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var byCompany = await company.PutAsJsonAsync($"{Api}/spaces/{space}/ownership", new { ownership = "OwnersCommon", certificate = "自证" });
        var allocated = await company.PostAsJsonAsync($"{Api}/spaces/{space}/allocations", Lease(null));
        var duplicate = await company.PostAsJsonAsync($"{Api}/lots/{lot}/spaces", new { number = "A-001", kind = "Planned" });

        Assert.Equal(HttpStatusCode.Forbidden, byCompany.StatusCode);
        Assert.EndsWith("/space_not_certified", (await ProblemResponse.ReadAsync(allocated)).Type);
        Assert.EndsWith("/space_number_taken", (await ProblemResponse.ReadAsync(duplicate)).Type);
    }

    [Fact]
    public async Task Bad_allocation_input_is_refused_naming_each_field_and_writes_nothing()
    {
        var (community, company, lot) = await CommunityWithLot();
        var space = await parking.Space(company, lot, "DeveloperUnsold");

        var response = await company.PostAsJsonAsync($"{Api}/spaces/{space}/allocations", new { priceFen = -1, months = 0 });
        var strangerOwner = await company.PostAsJsonAsync($"{Api}/spaces/{space}/allocations", Lease(Guid.NewGuid()));
        var unknownSpace = await company.PostAsJsonAsync($"{Api}/spaces/{Guid.NewGuid()}/allocations", Lease(null));
        var otherCompany = await parking.Company(Guid.NewGuid()).PostAsJsonAsync($"{Api}/spaces/{space}/allocations", Lease(null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Contains("kind", problem.Errors!.Keys);
        Assert.Contains("holderName", problem.Errors.Keys);
        Assert.Contains("priceFen", problem.Errors.Keys);
        Assert.Contains("startsOn", problem.Errors.Keys);
        Assert.Contains("ownerId", (await ProblemResponse.ReadAsync(strangerOwner)).Errors!.Keys);
        Assert.Equal(HttpStatusCode.NotFound, unknownSpace.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherCompany.StatusCode);
        Assert.Equal(0, await Sql.CountAsync(parking.Database, "space_allocations", $"community_id = '{community}'"));
    }
}
