using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
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
        Guid communityId, OpenProposalRequest request, GovernanceDbContext db, CallerAccess access, BusinessCalendar calendar,
        VotingWindowPolicy policy, CancellationToken ct)
    {
        var community = await db.Communities.AsNoTracking().FirstOrDefaultAsync(c => c.Id == communityId, ct);
        if (community is null)
        {
            return Problems.NotFound("community");
        }

        var scope = request.Scope?.ToScope() ?? ProposalScope.Community;
        var units = await ScopeUnits(db, communityId, scope, ct);
        if (await OutsideCommunity(db, communityId, scope, ct) is { Count: > 0 } strangers)
        {
            return Problems.Validation(new ValidationErrors().Add(
                scope.Kind == VoteScopeKind.Buildings ? "scope.buildingIds" : "scope.unitIds", "error.not_in_community", string.Join(", ", strangers.Take(5))), GovernanceText.Messages);
        }

        if (units.Count == 0)
        {
            return Problems.Validation(new ValidationErrors().Add("scope", "error.scope_has_no_owners"), GovernanceText.Messages);
        }

        // The rule set is the one in force the day the proposal is put to the owners, on the server's clock: no caller
        // picks another by back-dating opensAt, and its notice and window bound the one asked for.
        var now = calendar.Now;
        var locality = await db.Townships.IgnoreQueryFilters().Where(t => t.Id == community.TownshipId).Select(t => t.Code).SingleAsync(ct);
        var rules = RuleSetCatalog.Default.For(locality, calendar.DateOf(now));
        var window = policy.For(rules);
        var opensAt = request.OpensAt ?? window.EarliestOpening(now);
        if (window.Refuse(now, opensAt, request.ClosesAt!.Value) is { } refused)
        {
            return Problems.Validation(new ValidationErrors().Add(refused.Field!, refused.Key, refused.Args), GovernanceText.Messages);
        }

        var proposal = new Proposal(Guid.CreateVersion7(now), communityId, request.Matter!.Value, request.Title!.Trim(), request.Text!.Trim(), scope,
            rules.Id, opensAt, request.ClosesAt!.Value, access.Actor)
        {
            Reference = request.Reference?.Trim(),
        };
        proposal.Attachments.AddRange(request.Attachments?.Select(a => new ProposalAttachment(a.Name!.Trim(), a.Reference!.Trim())) ?? []);
        foreach (var (key, value) in request.Terms ?? new Dictionary<string, string>())
        {
            proposal.Terms[key.Trim()] = value.Trim();
        }

        db.Proposals.Add(proposal);
        db.ElectorateMembers.AddRange(new Electorate(units).Voters.Select(voter => new ElectorateMember
        {
            ProposalId = proposal.Id, VoterId = voter.VoterId, UnitIds = [.. voter.UnitIds], AreaHundredths = voter.AreaHundredths,
        }));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Extensions.Extensions.ApiPrefix}/proposals/{proposal.Id}", await Describe(db, proposal, now, ct));
    }

    public static async Task<Results<Ok<ProposalResponse>, ValidationProblem, ProblemHttpResult>> Extend(
        Guid proposalId, ExtendWindowRequest request, GovernanceDbContext db, CallerAccess access, TimeProvider time,
        VotingWindowPolicy policy, CancellationToken ct)
    {
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
            return TypedResults.Ok(new LiveTallyResponse(proposalId, "live", TallyResponse.From(await live.ReadAsync(db, proposalId, ct))));
        }
        catch (RedisException exception)
        {
            // Redis down costs speed, never the answer: recount from the record.
            logs.CreateLogger(typeof(VotingEndpoints)).LogWarning("Live tally unavailable, recounting from PostgreSQL: {Error}", exception.Message);
            return TypedResults.Ok(new LiveTallyResponse(proposalId, "recount", TallyResponse.From(await Recount.TallyAsync(db, proposalId, ct))));
        }
    }

    /// <summary>The units in scope with their owners now (when the proposal is created).</summary>
    private static Task<List<ElectorateUnit>> ScopeUnits(GovernanceDbContext db, Guid communityId, ProposalScope scope, CancellationToken ct)
    {
        var ownerships = db.Ownerships.Where(o => o.CommunityId == communityId && o.Until == null);
        var units = db.Units.Where(u => u.CommunityId == communityId);
        units = scope.Kind switch
        {
            VoteScopeKind.Buildings => units.Where(u => scope.Ids.Contains(u.BuildingId)),
            VoteScopeKind.Units => units.Where(u => scope.Ids.Contains(u.Id)),
            _ => units,
        };
        return (from ownership in ownerships
                join unit in units on ownership.UnitId equals unit.Id
                join owner in db.Owners.IgnoreQueryFilters() on ownership.OwnerId equals owner.Id
                select new ElectorateUnit(unit.Id, unit.ExclusiveArea, owner.Id)).ToListAsync(ct);
    }

    /// <summary>Scope ids that are not buildings (or units) of this community.</summary>
    private static async Task<List<Guid>> OutsideCommunity(GovernanceDbContext db, Guid communityId, ProposalScope scope, CancellationToken ct)
    {
        var known = scope.Kind switch
        {
            VoteScopeKind.Buildings => await db.Buildings.Where(b => b.CommunityId == communityId && scope.Ids.Contains(b.Id)).Select(b => b.Id).ToListAsync(ct),
            VoteScopeKind.Units => await db.Units.Where(u => u.CommunityId == communityId && scope.Ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct),
            _ => [],
        };
        return scope.Ids.Except(known).ToList();
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
