using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Api.Registry;
using Platform.Governance.Api.Voting;
using Platform.Governance.Domain.Registry;
using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Api.Committees;

/// <summary>Owners' committees elected by the owners, supervisory committees, and members' roles (seed item 12).</summary>
public static class CommitteeEndpoints
{
    public static RouteGroupBuilder MapCommitteeEndpoints(this RouteGroupBuilder api)
    {
        var committees = api.MapGroup("").WithTags("Committees");
        committees.MapPost("/communities/{communityId:guid}/committee-elections", OpenElection).WithName("OpenCommitteeElection")
            .WithSummary("Put an owners' committee slate (as many candidates as seats) to the owners as a matter-3 vote")
            .RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
        committees.MapGet("/committee-elections/{electionId:guid}", GetElection).WithName("GetCommitteeElection")
            .WithSummary("An election: its vote, candidates and, once passed, the committee").RequireScope(Scopes.GovernanceRead);
        committees.MapGet("/communities/{communityId:guid}/committees", Current).WithName("GetCommunityCommittees")
            .WithSummary("Who acts as the owners' committee now (the committee, or the community where none), the supervisory committee, former ones")
            .RequireScope(Scopes.GovernanceRead);
        committees.MapPost("/communities/{communityId:guid}/supervisory-committees", FormSupervisory).WithName("FormSupervisoryCommittee")
            .WithSummary("Record the supervisory committee the assembly chose; residents who are not owners may serve")
            .RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
        committees.MapPut("/committees/{committeeId:guid}/members/{memberId:guid}/role", AssignRole).WithName("AssignCommitteeRole")
            .WithSummary("Record a member's role (chair, vice-chair, member); one chair at a time")
            .RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
        return api;
    }

    public static async Task<Results<Created<CommitteeElectionResponse>, ValidationProblem, ProblemHttpResult>> OpenElection(
        Guid communityId, OpenCommitteeElectionRequest request, GovernanceDbContext db, ProposalOpener opener, BusinessCalendar calendar,
        CancellationToken ct)
    {
        if (!await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var candidates = request.CandidateOwnerIds!;
        var eligible = await CurrentOwners(db, communityId).Where(id => candidates.Contains(id)).ToListAsync(ct);
        if (candidates.Except(eligible).ToList() is { Count: > 0 } strangers)
        {
            return Problems.Validation(new ValidationErrors().Add("candidateOwnerIds", "error.not_in_community", string.Join(", ", strangers.Take(5))), GovernanceText.Messages);
        }

        var electionId = Guid.CreateVersion7(calendar.Now);
        var vote = new OpenProposalRequest(
            MatterType.ElectOrReplaceCommittee, request.Title, request.Text ?? request.Title, null, null, CommitteeElection.ReferenceOf(electionId),
            new Dictionary<string, string> { ["seats"] = $"{request.Seats}", ["termYears"] = $"{request.TermYears}" }, request.OpensAt, request.ClosesAt);
        var opening = await opener.OpenAsync(communityId, vote, ct);
        if (opening is not ProposalOpening.Opened { Proposal: var proposal })
        {
            return opening is ProposalOpening.Refused refused ? refused.ToProblem() : Problems.NotFound("community");
        }

        var election = new CommitteeElection
        {
            Id = electionId, CommunityId = communityId, ProposalId = proposal.Id, Seats = request.Seats!.Value, TermYears = request.TermYears!.Value,
            CandidateOwnerIds = [.. candidates],
        };
        db.CommitteeElections.Add(election);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/committee-elections/{election.Id}", Describe(election));
    }

    public static async Task<Results<Ok<CommitteeElectionResponse>, ProblemHttpResult>> GetElection(Guid electionId, GovernanceDbContext db, CancellationToken ct) =>
        await db.CommitteeElections.AsNoTracking().FirstOrDefaultAsync(e => e.Id == electionId, ct) is { } election
            ? TypedResults.Ok(Describe(election))
            : Problems.NotFound("committee_election");

    public static async Task<Results<Ok<CommunityCommitteesResponse>, ProblemHttpResult>> Current(Guid communityId, GovernanceDbContext db, BusinessCalendar calendar, CancellationToken ct)
    {
        if (!await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var today = calendar.Today;
        var all = await db.Committees.AsNoTracking().Include(c => c.Members).Where(c => c.CommunityId == communityId)
            .OrderByDescending(c => c.FormedAt).ToListAsync(ct);
        var owners = all.FirstOrDefault(c => c.Kind == CommitteeKind.Owners && c.IsCurrentOn(today));
        var supervisory = all.FirstOrDefault(c => c.Kind == CommitteeKind.Supervisory && c.IsCurrentOn(today));
        return TypedResults.Ok(new CommunityCommitteesResponse(
            communityId,
            owners is null ? "Community" : "OwnersCommittee",
            owners is null ? null : CommitteeResponse.From(owners),
            supervisory is null ? null : CommitteeResponse.From(supervisory),
            all.Where(c => c != owners && c != supervisory).Select(CommitteeResponse.From).ToList()));
    }

    public static async Task<Results<Created<CommitteeResponse>, ValidationProblem, ProblemHttpResult>> FormSupervisory(
        Guid communityId, FormSupervisoryCommitteeRequest request, GovernanceDbContext db, CommitteeSuccession succession,
        BusinessCalendar calendar, CancellationToken ct)
    {
        if (!await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var named = request.Members!.Where(m => m.OwnerId is not null).Select(m => m.OwnerId!.Value).ToList();
        var owners = await CurrentOwners(db, communityId).Where(id => named.Contains(id)).ToListAsync(ct);
        if (named.Except(owners).ToList() is { Count: > 0 } strangers)
        {
            return Problems.Validation(new ValidationErrors().Add("members", "error.not_in_community", string.Join(", ", strangers.Take(5))), GovernanceText.Messages);
        }

        var now = calendar.Now;
        var committee = new Committee
        {
            Id = Guid.CreateVersion7(now), CommunityId = communityId, Kind = CommitteeKind.Supervisory,
            TermStart = request.TermStart!.Value, TermEnd = request.TermEnd!.Value, FormedAt = now,
        };
        committee.Members.AddRange(request.Members!.Select(m => new CommitteeMember
        {
            Id = Guid.CreateVersion7(now), CommitteeId = committee.Id, OwnerId = m.OwnerId, Name = m.Name!.Trim(), Role = m.Role!.Value,
        }));
        await succession.SeatAsync(committee, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/communities/{communityId}/committees", CommitteeResponse.From(committee));
    }

    public static async Task<Results<Ok<CommitteeResponse>, ProblemHttpResult>> AssignRole(
        Guid committeeId, Guid memberId, AssignRoleRequest request, GovernanceDbContext db, CancellationToken ct)
    {
        var committee = await db.Committees.Include(c => c.Members).FirstOrDefaultAsync(c => c.Id == committeeId, ct);
        if (committee?.Members.FirstOrDefault(m => m.Id == memberId) is not { } member)
        {
            return Problems.NotFound(committee is null ? "committee" : "committee_member");
        }

        if (request.Role == CommitteeRole.Chair && committee.Members.Any(m => m.Role == CommitteeRole.Chair && m.Id != memberId))
        {
            return Problems.Conflict("chair_taken", GovernanceText.Messages);
        }

        member.Role = request.Role!.Value;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CommitteeResponse.From(committee));
    }

    private static IQueryable<Guid> CurrentOwners(GovernanceDbContext db, Guid communityId) =>
        from ownership in db.Ownerships.IgnoreQueryFilters()
        join owner in db.Owners.IgnoreQueryFilters() on ownership.OwnerId equals owner.Id
        where ownership.CommunityId == communityId && ownership.Until == null && owner.Kind != OwnerKind.Developer
        select owner.Id;

    private static CommitteeElectionResponse Describe(CommitteeElection e) =>
        new(e.Id, e.CommunityId, e.ProposalId, e.Seats, e.TermYears, e.CandidateOwnerIds, e.CommitteeId);
}
