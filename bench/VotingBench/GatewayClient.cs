using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Platform.Governance.Api.Voting;

namespace Platform.Bench.Voting;

/// <summary>The requests of the benchmark, all through the gateway, as owners' apps and the bureau would send them.</summary>
public sealed class GatewayClient(Uri gateway, SeededVote vote, BallotPlan plan) : IDisposable
{
    // Enough connections that no request waits for a free one: with HTTP/1.1 every request in flight needs its own.
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 10_000,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = gateway,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public HttpClient Http => _http;

    public HttpRequestMessage Ballot(int index)
    {
        var ballot = plan[index];
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/governance/v1/proposals/{ballot.ProposalId}/ballots")
        {
            Content = new StringContent($$"""{"choice":"{{ballot.Choice}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", vote.OwnerTokens[ballot.Owner]);
        // The key names the intended ballot in the record, and is what an app sends so its retry cannot vote twice.
        request.Headers.Add("Idempotency-Key", ballot.Key);
        return request;
    }

    /// <summary>The baseline: an owner reads their community's proposals (token checks, rate limit, proxy, two small queries).</summary>
    public HttpRequestMessage ProposalList(int index)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/governance/v1/communities/{vote.CommunityId}/proposals");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", vote.OwnerTokens[index % vote.OwnerTokens.Count]);
        return request;
    }

    public static async Task<Guid?> ReceiptOf(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Created
            ? (await response.Content.ReadFromJsonAsync<BallotReceipt>(CommunitySeed.Json))!.BallotId
            : null;

    public static Task<Guid?> NoReceipt(HttpResponseMessage response) => Task.FromResult<Guid?>(null);

    /// <summary>The live tally (Redis) and the recount (PostgreSQL) of a proposal, as the registrar reads them.</summary>
    public async Task<(TallyResponse Live, TallyResponse Recount)> TalliesAsync(Guid proposalId)
    {
        using var live = new HttpRequestMessage(HttpMethod.Get, $"/api/governance/v1/proposals/{proposalId}/tally");
        using var recount = new HttpRequestMessage(HttpMethod.Get, $"/api/governance/v1/proposals/{proposalId}");
        foreach (var request in new[] { live, recount })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Platform.TestKit.TestTokens.Registrar);
        }

        using var liveResponse = (await _http.SendAsync(live)).EnsureSuccessStatusCode();
        using var recountResponse = (await _http.SendAsync(recount)).EnsureSuccessStatusCode();
        return ((await liveResponse.Content.ReadFromJsonAsync<LiveTallyResponse>(CommunitySeed.Json))!.Tally,
            (await recountResponse.Content.ReadFromJsonAsync<ProposalResponse>(CommunitySeed.Json))!.Tally);
    }

    public void Dispose() => _http.Dispose();
}
