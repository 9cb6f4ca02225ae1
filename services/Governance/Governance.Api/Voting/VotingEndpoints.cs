using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Api.Registry;
using Platform.Governance.Domain.Voting;
using StackExchange.Redis;

namespace Platform.Governance.Api.Voting;

/// <summary>Proposals put to a community's owners and their e-voting (Civil Code art. 278).</summary>
public static class VotingEndpoints
{
    public static RouteGroupBuilder MapVotingEndpoints(this RouteGroupBuilder api)
    {
        var voting = api.MapGroup("").WithTags("Voting");
        voting.MapPost("/communities/{communityId:guid}/proposals", Open).WithName("OpenProposal")
            .WithSummary("Put a matter to the owners of a community, some buildings or some units; the electorate and the rule set are fixed now")
            .RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
        voting.MapPost("/proposals/{proposalId:guid}/extend", Extend).WithName("ExtendVotingWindow")
            .WithSummary("Move a proposal's close later before it comes, with a reason the published result shows; never earlier")
            .RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
        voting.MapGet("/communities/{communityId:guid}/proposals", List).WithName("ListProposals")
            .WithSummary("A community's proposals, newest first").RequireScope(Scopes.GovernanceRead);
        voting.MapGet("/proposals/{proposalId:guid}", Get).WithName("GetProposal")
            .WithSummary("A proposal with its tally recounted from the record, and its decision once taken").RequireScope(Scopes.GovernanceRead);
        voting.MapGet("/proposals/{proposalId:guid}/tally", Tally).WithName("GetLiveTally")
            .WithSummary("The live tally while voting runs (Redis, fed by each ballot)").RequireScope(Scopes.GovernanceRead);
        voting.MapPost("/proposals/{proposalId:guid}/ballots", BallotBox.Cast).WithName("CastBallot")
            .WithSummary("An owner votes as themself: agree, disagree or abstain; the last ballot counts").RequireScope(Scopes.GovernanceVote).WithoutOwnerHoldings().AsAuditedCommand();
        return api;
    }

    public static async Task<Results<Created<ProposalResponse>, ValidationProblem, ProblemHttpResult>> Open(
        Guid communityId, OpenProposalRequest request, GovernanceDbContext db, ProposalOpener opener, CancellationToken ct)
    {
        var opening = await opener.OpenAsync(communityId, request, ct);
        if (opening is not ProposalOpening.Opened(var proposal, var at))
        {
            return opening is ProposalOpening.Refused refused ? refused.ToProblem() : Problems.NotFound("community");
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/proposals/{proposal.Id}", await Describe(db, proposal, at, ct));
    }

    public static async Task<Results<Ok<ProposalResponse>, ValidationProblem, ProblemHttpResult>> Extend(
        Guid proposalId, ExtendWindowRequest request, [AsParameters] ExtendWindowServices services, CancellationToken ct)
    {
        var (db, access, time, policy) = services;
        if (!await db.Proposals.AnyAsync(p => p.Id == proposalId, ct))
        {
            return Problems.NotFound("proposal");
        }

        // Held exclusively as the closer holds it while deciding: no extension lands after the decision, nor a decision after it.
        await db.Database.AcquireAsync(BallotBox.BallotLock(proposalId), ct);
        var proposal = await db.Proposals.SingleAsync(p => p.Id == proposalId, ct);
        var now = time.GetUtcNow();
        if (await db.ProposalResults.IgnoreQueryFilters().AnyAsync(r => r.ProposalId == proposalId, ct))
        {
            return Problems.Conflict(WindowRefusal.VotingClosed, GovernanceText.Messages);
        }

        var rules = policy.For(RuleSetCatalog.Default.ById(proposal.RuleSetId));
        switch (proposal.Extend(rules, request.ClosesAt!.Value, request.Reason!.Trim(), access.Actor, now))
        {
            case { IsConflict: true } conflict:
                return Problems.Conflict(conflict.Key, GovernanceText.Messages);
            case { } refused:
                return Problems.Validation(new ValidationErrors().Add(refused.Field!, refused.Key, refused.Args), GovernanceText.Messages);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await Describe(db, proposal, now, ct));
    }

    public static async Task<Results<Ok<List<ProposalSummary>>, ProblemHttpResult>> List(Guid communityId, GovernanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var now = time.GetUtcNow();
        var proposals = await (from proposal in db.Proposals
                               where proposal.CommunityId == communityId
                               join result in db.ProposalResults on proposal.Id equals result.ProposalId into results
                               from result in results.DefaultIfEmpty()
                               orderby proposal.OpensAt descending
                               select new { proposal.Id, proposal.Matter, proposal.Title, proposal.OpensAt, proposal.ClosesAt, Passed = (bool?)result.Passed })
            .ToListAsync(ct);
        return TypedResults.Ok(proposals.Select(p => new ProposalSummary(p.Id, p.Matter, p.Title, p.OpensAt, p.ClosesAt, p.OpensAt <= now && now < p.ClosesAt, p.Passed)).ToList());
    }

    public static async Task<Results<Ok<ProposalResponse>, ProblemHttpResult>> Get(Guid proposalId, GovernanceDbContext db, TimeProvider time, CancellationToken ct) =>
        await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == proposalId, ct) is { } proposal
            ? TypedResults.Ok(await Describe(db, proposal, time.GetUtcNow(), ct))
            : Problems.NotFound("proposal");

    public static async Task<Results<Ok<LiveTallyResponse>, ProblemHttpResult>> Tally(
        Guid proposalId, GovernanceDbContext db, LiveTally live, ILoggerFactory logs, CancellationToken ct)
    {
        if (!await db.Proposals.AnyAsync(p => p.Id == proposalId, ct))
        {
            return Problems.NotFound("proposal");
        }

        if (await db.ProposalResults.AsNoTracking().FirstOrDefaultAsync(r => r.ProposalId == proposalId, ct) is { } decided)
        {
            return TypedResults.Ok(new LiveTallyResponse(proposalId, "result", TallyResponse.From(decided.Tally)));
        }

        try
        {
            if (await live.ReadAsync(db, proposalId, ct) is { } tally)
            {
                return TypedResults.Ok(new LiveTallyResponse(proposalId, "live", TallyResponse.From(tally)));
            }
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            // Redis down costs speed, never the answer: recount from the record (every ballot of the proposal read once).
            logs.CreateLogger(typeof(VotingEndpoints))
                .LogWarning("Live tally unavailable, recounting from PostgreSQL: {Error}", exception.Message);
        }

        // Also while another replica rebuilds the live tally from scratch: the recount is what the rebuild would show.
        var recount = await Recount.TallyAsync(db, proposalId, ct);
        return TypedResults.Ok(new LiveTallyResponse(proposalId, "recount", TallyResponse.From(recount)));
    }

    private static async Task<ProposalResponse> Describe(GovernanceDbContext db, Proposal proposal, DateTimeOffset now, CancellationToken ct)
    {
        var result = await db.ProposalResults.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.ProposalId == proposal.Id, ct);
        var tally = result?.Tally ?? await Recount.TallyAsync(db, proposal.Id, ct);
        return new ProposalResponse(
            proposal.Id, proposal.CommunityId, proposal.Matter, proposal.Title, proposal.Text, proposal.ScopeKind, proposal.ScopeIds,
            proposal.Attachments, proposal.Reference, proposal.Terms, proposal.RuleSetId, proposal.OpensAt, proposal.ClosesAt,
            proposal.Extensions,
            proposal.IsOpenAt(now) && result is null,
            TallyResponse.From(tally),
            result is null ? null : new DecisionResponse(result.Passed, result.QuorumMet, result.AreaApproved, result.HeadcountApproved,
                result.BallotCount, result.BallotChainHead, result.DecidedAt));
    }
}

/// <summary>What extending a voting window needs besides its request: a handler takes more than five things as one bundle.</summary>
public sealed record ExtendWindowServices(GovernanceDbContext Db, CallerAccess Access, TimeProvider Time, VotingWindowPolicy Policy);
