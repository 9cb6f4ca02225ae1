using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Api.Registry;
using Platform.Governance.Domain.Registry;
using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Api.Voting;

/// <summary>Proposals put to a community's owners and their e-voting (Civil Code art. 278).</summary>
public static class VotingEndpoints
{
    public static void MapVotingEndpoints(this RouteGroupBuilder api)
    {
        var voting = api.MapGroup("").WithTags("Voting");
        voting.MapPost("/communities/{communityId:guid}/proposals", Open).WithName("OpenProposal")
            .WithSummary("Put a matter to the owners; the electorate and the rule set are fixed now")
            .RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
        voting.MapGet("/proposals/{proposalId:guid}", Get).WithName("GetProposal")
            .WithSummary("A proposal with its tally (and its decision once closed)").RequireScope(Scopes.GovernanceRead);
        voting.MapPost("/proposals/{proposalId:guid}/ballots", Cast).WithName("CastBallot")
            .WithSummary("An owner votes as themself: agree, disagree or abstain; the last ballot counts").RequireScope(Scopes.GovernanceVote).AsAuditedCommand();
    }

    public static async Task<Results<Created<ProposalResponse>, ValidationProblem, ProblemHttpResult>> Open(
        Guid communityId, OpenProposalRequest request, GovernanceDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        var community = await db.Communities.AsNoTracking().FirstOrDefaultAsync(c => c.Id == communityId, ct);
        if (community is null)
        {
            return Problems.NotFound("community");
        }

        var now = time.GetUtcNow();
        var opensAt = request.OpensAt ?? now;
        var locality = await db.Townships.IgnoreQueryFilters().Where(t => t.Id == community.TownshipId).Select(t => t.Code).SingleAsync(ct);
        var rules = RuleSetCatalog.Default.For(locality, DateOnly.FromDateTime(opensAt.UtcDateTime));
        var units = await (from ownership in db.Ownerships
                           join unit in db.Units on ownership.UnitId equals unit.Id
                           join owner in db.Owners.IgnoreQueryFilters() on ownership.OwnerId equals owner.Id
                           where ownership.CommunityId == communityId && ownership.Until == null
                           select new ElectorateUnit(unit.Id, unit.ExclusiveArea, owner.Id, owner.Kind == OwnerKind.Developer)).ToListAsync(ct);
        if (units.Count == 0)
        {
            return Problems.Conflict("no_electorate", GovernanceText.Messages);
        }

        var proposal = new Proposal(Guid.CreateVersion7(now), communityId, request.Matter!.Value, request.Title!.Trim(), request.Text!.Trim(),
            rules.Id, opensAt, request.ClosesAt!.Value, access.Actor);
        db.Proposals.Add(proposal);
        db.ElectorateMembers.AddRange(new Electorate(units).Voters.Select(voter => new ElectorateMember
        {
            ProposalId = proposal.Id, VoterId = voter.VoterId, UnitIds = [.. voter.UnitIds], AreaHundredths = voter.AreaHundredths,
        }));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Extensions.Extensions.ApiPrefix}/proposals/{proposal.Id}", await Describe(db, proposal, now, ct));
    }

    public static async Task<Results<Ok<ProposalResponse>, ProblemHttpResult>> Get(Guid proposalId, GovernanceDbContext db, TimeProvider time, CancellationToken ct) =>
        await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == proposalId, ct) is { } proposal
            ? TypedResults.Ok(await Describe(db, proposal, time.GetUtcNow(), ct))
            : Problems.NotFound("proposal");

    public static async Task<Results<Created<BallotReceipt>, ProblemHttpResult>> Cast(
        Guid proposalId, CastBallotRequest request, GovernanceDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        var proposal = await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null)
        {
            return Problems.NotFound("proposal");
        }

        if (access.OwnerId is not { } ownerId)
        {
            return Problems.Forbidden("only_owners_vote", GovernanceText.Messages);
        }

        var now = time.GetUtcNow();
        if (!proposal.IsOpenAt(now))
        {
            return Problems.Conflict("voting_not_open", GovernanceText.Messages);
        }

        var isDeveloper = await db.Owners.IgnoreQueryFilters().AnyAsync(o => o.Id == ownerId && o.Kind == OwnerKind.Developer, ct);
        var voterId = Electorate.VoterIdOf(ownerId, isDeveloper);
        if (!await db.ElectorateMembers.IgnoreQueryFilters().AnyAsync(m => m.ProposalId == proposalId && m.VoterId == voterId, ct))
        {
            return Problems.Forbidden("not_in_electorate", GovernanceText.Messages);
        }

        // One chain per proposal: ballots queue here so each names the hash of the one before it.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"ballots:" + proposalId}, 0))", ct);
        var previous = await db.Ballots.IgnoreQueryFilters().Where(b => b.ProposalId == proposalId)
            .OrderByDescending(b => b.Sequence).Select(b => b.Hash).FirstOrDefaultAsync(ct);
        var ballot = new Ballot
        {
            Id = Guid.CreateVersion7(now), ProposalId = proposalId, VoterId = voterId, CastByOwnerId = ownerId,
            Choice = request.Choice!.Value, CastAt = now, PreviousHash = previous ?? Ballot.Genesis,
        }.Seal();
        db.Ballots.Add(ballot);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Extensions.Extensions.ApiPrefix}/proposals/{proposalId}",
            new BallotReceipt(ballot.Id, proposalId, ballot.Choice, ballot.CastAt, ballot.Hash));
    }

    /// <summary>The tally from PostgreSQL (the record): each voter's last ballot against the frozen electorate.</summary>
    private static async Task<ProposalResponse> Describe(GovernanceDbContext db, Proposal proposal, DateTimeOffset now, CancellationToken ct)
    {
        var members = await db.ElectorateMembers.IgnoreQueryFilters().Where(m => m.ProposalId == proposal.Id).ToListAsync(ct);
        var ballots = await db.Ballots.IgnoreQueryFilters().Where(b => b.ProposalId == proposal.Id).OrderBy(b => b.Sequence)
            .Select(b => new { b.VoterId, b.Choice }).ToListAsync(ct);
        var last = new Dictionary<string, Choice>();
        foreach (var ballot in ballots)
        {
            last[ballot.VoterId] = ballot.Choice;
        }

        var electorate = Electorate.FromVoters(members.Select(m => new Voter(m.VoterId, m.UnitIds, m.AreaHundredths)));
        var rules = RuleSetCatalog.Default.ById(proposal.RuleSetId);
        var result = VoteCount.Decide(rules, proposal.Matter, electorate, last);
        var tally = result.Tally;
        var closed = now >= proposal.ClosesAt;
        return new ProposalResponse(
            proposal.Id, proposal.CommunityId, proposal.Matter, proposal.Title, proposal.Text, proposal.RuleSetId, proposal.OpensAt, proposal.ClosesAt,
            proposal.IsOpenAt(now),
            new TallyResponse(tally.ElectorateHeadcount, tally.ElectorateAreaHundredths / 100m, tally.ParticipatingHeadcount, tally.ParticipatingAreaHundredths / 100m,
                tally.AgreeHeadcount, tally.AgreeAreaHundredths / 100m, tally.DisagreeHeadcount, tally.AbstainHeadcount),
            closed ? result.QuorumMet : null,
            closed ? result.Passed : null);
    }
}
