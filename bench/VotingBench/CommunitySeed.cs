using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using Platform.Governance.Api.Registry;
using Platform.Governance.Api.Voting;
using Platform.Governance.Domain.Voting;
using Platform.Governance.Tests;
using Platform.TestKit;

namespace Platform.Bench.Voting;

/// <summary>What the ballots are cast in: one community, its owners (one unit each) and their tokens, and the open proposals.</summary>
public sealed record SeededVote(Guid CommunityId, IReadOnlyList<Guid> ProposalIds, IReadOnlyList<Guid> OwnerIds, IReadOnlyList<string> OwnerTokens);

/// <summary>Registers a community the way a housing bureau would (CSV register import), then opens the votes.</summary>
public static class CommunitySeed
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<SeededVote> SeedAsync(BenchPlatform platform, BenchOptions options, TextWriter log)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var registrar = platform.Governance.CreateHttpClient().WithToken(TestTokens.Registrar);
        var township = await CreatedAsync<TownshipResponse>(registrar, "/api/governance/v1/townships", new { name = "Bench Township", code = "360121001" });
        var community = await CreatedAsync<CommunityResponse>(registrar, "/api/governance/v1/communities", new
        {
            townshipId = township.Id, name = "Bench Riverside", address = "1 Riverside Road", starLevel = 3, isOldCommunity = false,
        });

        var import = await registrar.PostAsync($"/api/governance/v1/communities/{community.Id}/imports", new StringContent(Register(options.Owners), Encoding.UTF8, "text/csv"));
        await EnsureAsync(import, "import the register");
        log.WriteLine($"  register of {options.Owners} units imported in {clock.Elapsed.TotalSeconds:0.0} s");

        // The import leaves two events per unit in the outbox; relaying them must not overlap the measurement.
        await OutboxDrain.WaitAsync(platform.Governance.DatabaseConnectionString, TimeSpan.FromMinutes(2));
        log.WriteLine($"  its events relayed by {clock.Elapsed.TotalSeconds:0.0} s");

        // Announced with the rule set's notice and minimum window; governance's clock then moves to their opening.
        var window = RuleSetCatalog.CivilCode2021.Window;
        var opensAt = platform.Clock.GetUtcNow() + window.MinimumNotice;
        var proposals = new List<Guid>();
        for (var i = 0; i < options.Proposals; i++)
        {
            var proposal = await CreatedAsync<ProposalResponse>(registrar, $"/api/governance/v1/communities/{community.Id}/proposals", new
            {
                matter = "OtherMajorMatter", title = $"增设电动自行车充电桩 {i + 1}", text = "在各楼栋间公共区域增设充电桩，费用由公共收益列支。",
                opensAt, closesAt = opensAt + window.MinimumWindow,
            });
            proposals.Add(proposal.Id);
        }

        platform.Clock.Advance(opensAt - platform.Clock.GetUtcNow());

        var owners = await OwnersAsync(platform.Governance.DatabaseConnectionString, community.Id);
        // Signing is RSA work done once, before the clock starts, as an app holds its token across requests.
        var tokens = owners.AsParallel().AsOrdered().Select(owner => TestTokens.ForOwner(owner)).ToList();
        return new SeededVote(community.Id, proposals, owners, tokens);
    }

    /// <summary>Buildings of 100 units, one person owning each unit.</summary>
    private static string Register(int owners)
    {
        var csv = new StringBuilder("building,unit,exclusive_area,use,area_source,owner_kind,owner_name,owner_id_number,owner_phone,owned_since\n");
        for (var i = 0; i < owners; i++)
        {
            var building = 1 + (i / 100);
            var area = (60 + (i % 90) + (i % 7 * 0.25m)).ToString("0.00", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{building},{building}-{(i % 100) + 101},{area},residential,register,person,业主{i},{TestIdentities.ResidentId(i + 1)},{TestIdentities.Phone(i + 1)},2020-06-01\n");
        }

        return csv.ToString();
    }

    private static async Task<List<Guid>> OwnersAsync(string connectionString, Guid communityId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT DISTINCT owner_id FROM ownerships WHERE community_id = $1 AND until IS NULL ORDER BY owner_id", connection);
        command.Parameters.AddWithValue(communityId);
        var owners = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            owners.Add(reader.GetGuid(0));
        }

        return owners;
    }

    private static async Task<T> CreatedAsync<T>(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, Json);
        await EnsureAsync(response, $"POST {path}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Seeding failed to {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
