using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>The Development-only shortening of the rule set's minimum notice and window, for local demos and the benchmark.</summary>
public sealed class DemoMinimumTests
{
    private static readonly Dictionary<string, string?> Shortened = new()
    {
        ["Voting:DemoMinimumNotice"] = "00:00:00",
        ["Voting:DemoMinimumWindow"] = "00:01:00",
    };

    [Fact]
    public async Task Outside_Development_a_demo_minimum_stops_the_host_naming_the_setting()
    {
        await using var host = new ServiceHost<Api.Program>("governance", Shortened);

        var refused = await Assert.ThrowsAnyAsync<Exception>(host.StartAsync);

        Assert.Contains("Voting:DemoMinimum", refused.ToString());
        Assert.Contains("Development only", refused.ToString());
    }

    [Fact]
    public async Task In_Development_a_demo_minimum_lets_a_short_vote_open_now_and_the_host_says_so_at_start()
    {
        await using var host = new DevelopmentHost(Shortened);
        await host.StartAsync();
        using var registrar = host.CreateHttpClient().WithToken(TestTokens.Registrar);
        var registry = new RegistryClient(registrar);
        var community = await registry.Community();
        await registry.Unit(community.Id, (await registry.Building(community.Id)).Id, (await registry.Person()).Id);

        var response = await registrar.PostAsJsonAsync($"/api/governance/v1/communities/{community.Id}/proposals",
            new { matter = "AssemblyRules", title = "演示", text = "本地演示表决", closesAt = DateTimeOffset.UtcNow.AddMinutes(2) }, RegistryClient.Json);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Contains(TestLogs.Provider.Lines, line => line.Contains("Voting:DemoMinimumWindow", StringComparison.Ordinal));
    }

    private sealed class DevelopmentHost(IDictionary<string, string?> settings) : ServiceHost<Api.Program>("governance", settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }
}
