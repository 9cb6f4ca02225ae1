using System.Net;
using System.Net.Http.Json;
using Platform.Funds.Api.Deposits;
using Platform.TestKit;

namespace Platform.Funds.Tests;

/// <summary>
/// Deposits and interest are dated in the county's calendar (UTC+8): at 00:30 Beijing time on the first day of a quarter
/// that day is today, although UTC is still on the day before. This class moves its host's clock to that night.
/// </summary>
public sealed class BusinessDayTests(FundsHost funds) : FundsTest(funds)
{
    private DateOnly AtHalfPastMidnightOfNextQuarter()
    {
        var night = CountyCalendar.HalfPastMidnightOfNextQuarter(Funds.Host.Clock.GetUtcNow());
        Funds.Host.Clock.SetTo(night);
        return CountyCalendar.DateOf(night);
    }

    [Fact]
    public async Task A_deposit_and_interest_of_the_first_day_of_a_quarter_are_accepted_at_half_past_midnight_Beijing_time()
    {
        var firstDay = AtHalfPastMidnightOfNextQuarter();
        var community = await Funds.Community();
        var unit = await Funds.Unit(community, Guid.NewGuid(), 90m, Guid.NewGuid());

        var deposited = await Funds.Client.PostAsJsonAsync($"/api/funds/v1/units/{unit}/deposits",
            new { kind = "Other", amountFen = 800_000, bankReference = $"D-{Guid.NewGuid():N}"[..24], depositedOn = firstDay });
        var interest = await Funds.Client.PostAsJsonAsync("/api/funds/v1/interest-allocations",
            new { amountFen = 1_234, bankReference = $"INT-{Guid.NewGuid():N}"[..20], creditedOn = firstDay });

        Assert.True(deposited.StatusCode == HttpStatusCode.Created, await deposited.Content.ReadAsStringAsync());
        Assert.Equal(firstDay, (await deposited.Content.ReadFromJsonAsync<DepositResponse>(FundsHost.Json))!.DepositedOn);
        Assert.True(interest.StatusCode == HttpStatusCode.Created, await interest.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_deposit_dated_tomorrow_in_Beijing_is_refused_naming_the_field_and_writes_nothing()
    {
        var firstDay = AtHalfPastMidnightOfNextQuarter();
        var community = await Funds.Community();
        var unit = await Funds.Unit(community, Guid.NewGuid(), 90m, Guid.NewGuid());

        var reference = $"D-{Guid.NewGuid():N}"[..24];

        var refused = await Funds.Client.PostAsJsonAsync($"/api/funds/v1/units/{unit}/deposits",
            new { kind = "Other", amountFen = 800_000, bankReference = reference, depositedOn = firstDay.AddDays(1) });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("depositedOn", (await ProblemResponse.ReadAsync(refused)).Errors!.Keys);
        Assert.Equal(0, await Sql.CountAsync(Funds.Host.DatabaseConnectionString, "journal_transactions", $"source_reference = 'bank:{reference}'"));
    }
}
