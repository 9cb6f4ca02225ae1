using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.StarLevels;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>
/// Governance dates its acts in the county's calendar (UTC+8): at 00:30 Beijing time on the first day of a quarter that
/// day is today, although UTC is still on the day before. This class moves its host's clock to that night.
/// </summary>
public sealed class BusinessDayTests(GovernanceHost governance) : IClassFixture<GovernanceHost>
{
    private readonly RegistryClient _registry = new(governance.Client);

    private DateOnly AtHalfPastMidnightOfNextQuarter()
    {
        var night = CountyCalendar.HalfPastMidnightOfNextQuarter(governance.Clock.GetUtcNow());
        governance.Clock.SetTo(night);
        return CountyCalendar.DateOf(night);
    }

    [Fact]
    public async Task A_star_rating_effective_on_the_first_day_of_a_quarter_is_accepted_at_half_past_midnight_Beijing_time()
    {
        var firstDay = AtHalfPastMidnightOfNextQuarter();
        var community = await _registry.Community();
        using var housing = governance.Host.CreateHttpClient()
            .WithToken(TestTokens.For(OrganisationTypes.Housing, null, Scopes.GovernanceWrite, Scopes.GovernanceRead));

        var rated = await housing.PostAsJsonAsync($"/api/governance/v1/communities/{community.Id}/star-levels",
            new { starLevel = 4, effectiveFrom = firstDay, reason = "季度物业服务星级评定" });

        Assert.True(rated.StatusCode == HttpStatusCode.Created, await rated.Content.ReadAsStringAsync());
        Assert.Equal(firstDay, (await rated.Content.ReadFromJsonAsync<StarRatingResponse>(RegistryClient.Json))!.EffectiveFrom);
    }
}
