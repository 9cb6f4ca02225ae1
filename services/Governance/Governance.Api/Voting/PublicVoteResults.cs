using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.Contracts.Events;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Api.Voting;

/// <summary>A window extension as published: from which close to which, why and when.</summary>
public sealed record PublishedExtension(DateTimeOffset PreviousClosesAt, DateTimeOffset ClosesAt, string Reason, DateTimeOffset ExtendedAt);

/// <summary>How a published result reads: figures, each test and the rule set that made it, every extension; no voter named.</summary>
public sealed record PublishedVoteResult(
    Guid ProposalId, Guid CommunityId, string CommunityName, MatterType Matter, string Title, VoteScopeKind ScopeKind,
    DateTimeOffset OpensAt, DateTimeOffset ClosesAt, IReadOnlyList<PublishedExtension> Extensions,
    string RuleSetId, string RuleSetSource, string Quorum, string AreaRule, string HeadcountRule,
    TallyResponse Figures, bool QuorumMet, bool AreaApproved, bool HeadcountApproved, bool Passed, long BallotCount, string BallotChainHead, DateTimeOffset DecidedAt);

/// <summary>Decided votes, published to everyone under /public/governance/v1 (业主大会决定公告).</summary>
public static class PublicVoteResults
{
    public static RouteGroupBuilder MapPublicVoteResults(this RouteGroupBuilder publicApi)
    {
        publicApi.MapGet("/vote-results/{proposalId:guid}", Get).WithName("GetPublishedVoteResult")
            .WithSummary("A decided vote: figures, the rule set and whether it passed");
        publicApi.MapGet("/communities/{communityId:guid}/vote-results", List).WithName("ListPublishedVoteResults")
            .WithSummary("A community's decided votes, newest first");
        return publicApi;
    }

    public static async Task<Results<Ok<PublishedVoteResult>, ProblemHttpResult>> Get(Guid proposalId, GovernanceDbContext db, CancellationToken ct) =>
        (await Published(db, db.Proposals.IgnoreQueryFilters().Where(p => p.Id == proposalId), ct)).FirstOrDefault() is { } result
            ? TypedResults.Ok(result)
            : Problems.NotFound("vote_result");

    public static async Task<Ok<List<PublishedVoteResult>>> List(Guid communityId, GovernanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await Published(db, db.Proposals.IgnoreQueryFilters().Where(p => p.CommunityId == communityId), ct));

    private sealed record Row(Proposal Proposal, ProposalResult Result, string CommunityName);

    // Public on purpose: the access filters are for callers with tokens; a decided vote is for everyone.
    private static async Task<List<PublishedVoteResult>> Published(GovernanceDbContext db, IQueryable<Proposal> proposals, CancellationToken ct)
    {
        var rows = await (from proposal in proposals.AsNoTracking()
                          join result in db.ProposalResults.IgnoreQueryFilters() on proposal.Id equals result.ProposalId
                          join community in db.Communities.IgnoreQueryFilters() on proposal.CommunityId equals community.Id
                          orderby result.DecidedAt descending
                          select new { proposal, result, community.Name }).Take(200).ToListAsync(ct);
        return rows.Select(row => Describe(new Row(row.proposal, row.result, row.Name))).ToList();
    }

    private static PublishedVoteResult Describe(Row row)
    {
        var rules = RuleSetCatalog.Default.ById(row.Result.RuleSetId);
        var pass = rules.Pass[row.Proposal.Matter];
        return new PublishedVoteResult(
            row.Proposal.Id, row.Proposal.CommunityId, row.CommunityName, row.Proposal.Matter, row.Proposal.Title, row.Proposal.ScopeKind,
            row.Proposal.OpensAt, row.Proposal.ClosesAt,
            row.Proposal.Extensions.Select(e => new PublishedExtension(e.PreviousClosesAt, e.ClosesAt, e.Reason, e.ExtendedAt)).ToList(),
            rules.Id, rules.Source,
            $"area {rules.QuorumArea}, owners {rules.QuorumHeadcount}", $"{pass.Area}", $"{pass.Headcount}",
            TallyResponse.From(row.Result.Tally), row.Result.QuorumMet, row.Result.AreaApproved, row.Result.HeadcountApproved, row.Result.Passed,
            row.Result.BallotCount, row.Result.BallotChainHead, row.Result.DecidedAt);
    }
}
