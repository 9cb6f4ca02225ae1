using System.Net;
using System.Net.Http.Json;
using Platform.Fees.Api.PublicIncome;
using Platform.TestKit;

namespace Platform.Fees.Tests;

/// <summary>
/// Business dates are the county's (UTC+8): at 00:30 Beijing time on the first day of a quarter it is still the previous
/// day, month and quarter in UTC. This class moves its host's clock to that night.
/// </summary>
public sealed class BusinessDayTests(FeesHost fees) : IClassFixture<FeesHost>
{
    private DateOnly AtHalfPastMidnightOfNextQuarter()
    {
        var night = CountyCalendar.HalfPastMidnightOfNextQuarter(fees.Host.Clock.GetUtcNow());
        fees.Host.Clock.SetTo(night);
        return CountyCalendar.DateOf(night);
    }

    private async Task<T> Created<T>(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(FeesHost.Json))!;
    }

    [Fact]
    public async Task Public_income_of_the_first_day_of_a_quarter_is_booked_on_that_day_at_half_past_midnight_Beijing_time()
    {
        var firstDay = AtHalfPastMidnightOfNextQuarter();
        var community = await fees.Community();
        var income = $"/api/fees/v1/communities/{community}/public-income";

        var booked = await Created<PublicIncomeEntryResponse>(fees.Client.PostAsJsonAsync(income,
            new { kind = "Income", source = "ElevatorAdvertising", amountFen = 50_000, description = "电梯广告费", occurredOn = firstDay }));
        var moved = await Created<PublicIncomeEntryResponse>(fees.Client.PostAsJsonAsync($"{income}/transfers-to-fund",
            new { amountFen = 10_000, description = "划入专项维修资金" }));

        Assert.Equal(firstDay, booked.OccurredOn);
        Assert.Equal(firstDay, moved.OccurredOn);
    }

    [Fact]
    public async Task The_quarter_that_ended_at_midnight_Beijing_time_can_be_disclosed_half_an_hour_later()
    {
        var firstDay = AtHalfPastMidnightOfNextQuarter();
        var community = await fees.Community();
        var ended = firstDay.AddDays(-1);

        var published = await fees.Client.PostAsJsonAsync($"/api/fees/v1/communities/{community}/disclosures",
            new { quarter = $"{ended.Year}-Q{(ended.Month + 2) / 3}" });

        Assert.True(published.StatusCode == HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
    }
}
