using System.Net;
using System.Net.Http.Json;
using Platform.Governance.Api.Voting;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>Opens proposals as the registrar and casts ballots as owners, against one governance host.</summary>
public sealed class VotingClient(ServiceHost<Api.Program> host, HttpClient registrar)
{
    public async Task<ProposalResponse> Open(Guid communityId, object? scope = null, string matter = "OtherMajorMatter",
        TimeSpan? window = null, DateTimeOffset? opensAt = null, object? terms = null, string? reference = null)
    {
        var response = await registrar.PostAsJsonAsync($"/api/governance/v1/communities/{communityId}/proposals", new
        {
            matter, title = "增设电动自行车充电桩", text = "在各楼栋间公共区域增设充电桩，费用由公共收益列支。", scope, terms, reference,
            attachments = new[] { new { name = "设计方案.pdf", reference = "https://docs.example.county.gov.cn/plans/123.pdf" } },
            opensAt, closesAt = (opensAt ?? DateTimeOffset.UtcNow) + (window ?? TimeSpan.FromDays(7)),
        }, RegistryClient.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProposalResponse>(RegistryClient.Json))!;
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

    public async Task<ProposalResponse> Decided(Guid proposalId)
    {
        await Eventually.Until(async () => (await Get(proposalId)).Decision is not null, TimeSpan.FromSeconds(30), "the proposal is decided");
        return await Get(proposalId);
    }
}
