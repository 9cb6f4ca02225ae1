using System.Net;
using System.Net.Http.Json;
using Platform.Governance.Api.Voting;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>
/// Opens proposals as the registrar and casts ballots as owners, against one governance host, moving the host's clock
/// through the notice and the window as the rule set requires them (no test waits for days).
/// </summary>
public sealed class VotingClient(ServiceHost<Api.Program> host, HttpClient registrar, TestClock clock)
{
    /// <summary>The national rule sets' minimum notice before voting opens (物业管理条例 art. 14).</summary>
    public static readonly TimeSpan Notice = TimeSpan.FromDays(15);

    /// <summary>The national rule sets' minimum voting window (a platform default).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>The proposal body as the registrar sends it, opening after <paramref name="notice"/> from the host's now.</summary>
    public object Body(object? scope = null, string matter = "OtherMajorMatter", TimeSpan? window = null, TimeSpan? notice = null,
        object? terms = null, string? reference = null)
    {
        // Whole seconds: PostgreSQL keeps microseconds, and the tests compare what they sent with what they read back.
        var opensAt = clock.GetUtcNow() + (notice ?? Notice);
        opensAt = opensAt.AddTicks(-(opensAt.Ticks % TimeSpan.TicksPerSecond)).AddSeconds(1);
        return new
        {
            matter, title = "增设电动自行车充电桩", text = "在各楼栋间公共区域增设充电桩，费用由公共收益列支。", scope, terms, reference,
            attachments = new[] { new { name = "设计方案.pdf", reference = "https://docs.example.county.gov.cn/plans/123.pdf" } },
            opensAt, closesAt = opensAt + (window ?? Window),
        };
    }

    /// <summary>Opens a proposal after the minimum notice and, unless told not to, moves the clock to its opening.</summary>
    public async Task<ProposalResponse> Open(Guid communityId, object? scope = null, string matter = "OtherMajorMatter",
        TimeSpan? window = null, TimeSpan? notice = null, object? terms = null, string? reference = null, bool startVoting = true)
    {
        var response = await registrar.PostAsJsonAsync($"/api/governance/v1/communities/{communityId}/proposals",
            Body(scope, matter, window, notice, terms, reference), RegistryClient.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var proposal = (await response.Content.ReadFromJsonAsync<ProposalResponse>(RegistryClient.Json))!;
        if (startVoting)
        {
            MoveClockTo(proposal.OpensAt);
        }

        return proposal;
    }

    /// <summary>Moves the host's clock forward to <paramref name="instant"/> (never back).</summary>
    public void MoveClockTo(DateTimeOffset instant)
    {
        var by = instant - clock.GetUtcNow();
        if (by > TimeSpan.Zero)
        {
            clock.Advance(by);
        }
    }

    public async Task<HttpResponseMessage> Cast(Guid proposalId, Guid ownerId, string choice)
    {
        using var owner = host.CreateHttpClient().WithToken(TestTokens.ForOwner(ownerId));
        return await owner.PostAsJsonAsync($"/api/governance/v1/proposals/{proposalId}/ballots", new { choice });
    }

    public async Task<BallotReceipt> Voted(Guid proposalId, Guid ownerId, string choice)
    {
        var response = await Cast(proposalId, ownerId, choice);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BallotReceipt>(RegistryClient.Json))!;
    }

    public async Task<ProposalResponse> Get(Guid proposalId) =>
        (await registrar.GetFromJsonAsync<ProposalResponse>($"/api/governance/v1/proposals/{proposalId}", RegistryClient.Json))!;

    public async Task<LiveTallyResponse> Live(Guid proposalId) =>
        (await registrar.GetFromJsonAsync<LiveTallyResponse>($"/api/governance/v1/proposals/{proposalId}/tally", RegistryClient.Json))!;

    /// <summary>Waits until the live tally (Redis) shows exactly what PostgreSQL recounts.</summary>
    public async Task LiveTallyMatchesRecount(Guid proposalId) =>
        await Eventually.Until(async () => (await Live(proposalId)).Tally == (await Get(proposalId)).Tally, TimeSpan.FromSeconds(30), "the live tally equals the recount");

    /// <summary>Moves the clock past the proposal's close and waits for the closer's decision.</summary>
    public async Task<ProposalResponse> Decided(Guid proposalId)
    {
        MoveClockTo((await Get(proposalId)).ClosesAt + TimeSpan.FromSeconds(1));
        await Eventually.Until(async () => (await Get(proposalId)).Decision is not null, TimeSpan.FromSeconds(30), "the proposal is decided");
        return await Get(proposalId);
    }
}
