using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.TestKit;
using Xunit;

namespace Platform.Parking.Tests;

/// <summary>Every parking list answers one page (items, total, offset, limit), never a silently cut list.</summary>
public sealed class ListPagingTests(ParkingHost parking) : IClassFixture<ParkingHost>
{
    private const string Api = ParkingHost.Api;

    [Fact]
    public async Task A_lots_spaces_come_a_page_at_a_time_with_the_total()
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        var company = parking.Company(companyId);
        var lot = (await parking.Lot(company, community)).GetProperty("id").GetGuid();
        foreach (var number in new[] { "A-1", "A-2", "A-3" })
        {
            Assert.Equal(HttpStatusCode.Created,
                (await company.PostAsJsonAsync($"{Api}/lots/{lot}/spaces", new { number, kind = "Planned" })).StatusCode);
        }

        var first = await company.GetFromJsonAsync<JsonElement>($"{Api}/lots/{lot}/spaces?limit=2");
        var rest = await company.GetFromJsonAsync<JsonElement>($"{Api}/lots/{lot}/spaces?offset=2&limit=2");
        var whole = await company.GetFromJsonAsync<JsonElement>($"{Api}/lots/{lot}/spaces");

        Assert.Equal((3, 0, 2), (first.GetProperty("total").GetInt32(), first.GetProperty("offset").GetInt32(), first.GetProperty("limit").GetInt32()));
        Assert.Equal(["A-1", "A-2"], first.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("number").GetString()));
        Assert.Equal(["A-3"], rest.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("number").GetString()));
        Assert.Equal((3, 100), (whole.GetProperty("items").GetArrayLength(), whole.GetProperty("limit").GetInt32()));
    }

    [Fact]
    public async Task A_later_page_of_the_waiting_list_goes_on_counting_positions()
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        var company = parking.Company(companyId);
        foreach (var owner in new[] { Guid.NewGuid(), Guid.NewGuid() })
        {
            await parking.Owner(community, owner);
            Assert.Equal(HttpStatusCode.Created,
                (await company.PostAsJsonAsync($"{Api}/communities/{community}/waiting-list", new { ownerId = owner })).StatusCode);
        }

        var second = await company.GetFromJsonAsync<JsonElement>($"{Api}/communities/{community}/waiting-list?offset=1&limit=1");

        Assert.Equal(2, second.GetProperty("total").GetInt32());
        Assert.Equal(2, Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("position").GetInt32());
    }

    public static TheoryData<string, string> BadQueries()
    {
        var data = new TheoryData<string, string>();
        foreach (var list in new[] { "lots", "vehicles", "plate-blacklist", "violations", "waiting-list", "spaces", "allocations" })
        {
            data.Add(list, "offset=-1");
            data.Add(list, "limit=0");
            data.Add(list, "limit=501");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_page_query_on_any_list_is_a_400_naming_the_field(string list, string query)
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        var company = parking.Company(companyId);
        var lot = (await parking.Lot(company, community)).GetProperty("id").GetGuid();
        var path = list switch
        {
            "spaces" => $"lots/{lot}/spaces",
            "allocations" => $"spaces/{await parking.Space(company, lot, "OwnersCommon")}/allocations",
            _ => $"communities/{community}/{list}",
        };

        var response = await company.GetAsync($"{Api}/{path}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([query.Split('=')[0]], (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
    }
}
