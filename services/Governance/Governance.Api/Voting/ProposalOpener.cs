using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Api.Registry;
using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Api.Voting;

/// <summary>What became of a matter put to the owners: opened, or refused because the community is unknown or by a named rule.</summary>
public abstract record ProposalOpening
{
    /// <summary>The proposal, added to the context, and the instant it was put to the owners (its rule set's day).</summary>
    public sealed record Opened(Proposal Proposal, DateTimeOffset At) : ProposalOpening;

    public sealed record CommunityNotFound : ProposalOpening;

    /// <summary>The request field refused and why (its message key and arguments), as a 400 names them.</summary>
    public sealed record Refused(string Field, string Key, params object?[] Args) : ProposalOpening
    {
        public ValidationProblem ToProblem() => Problems.Validation(new ValidationErrors().Add(Field, Key, Args), GovernanceText.Messages);
    }
}

/// <summary>
/// Puts a matter to a community's owners, for the proposal endpoint and committee elections alike: fixes the electorate
/// and the rule set in force today, and refuses a scope outside the community or without owners and a window the rule set
/// forbids. It adds the proposal and its electorate to the context; the caller saves them with its own changes.
/// </summary>
public sealed class ProposalOpener(GovernanceDbContext db, CallerAccess access, BusinessCalendar calendar, VotingWindowPolicy policy)
{
    public async Task<ProposalOpening> OpenAsync(Guid communityId, OpenProposalRequest request, CancellationToken ct)
    {
        var community = await db.Communities.AsNoTracking().FirstOrDefaultAsync(c => c.Id == communityId, ct);
        if (community is null)
        {
            return new ProposalOpening.CommunityNotFound();
        }

        var scope = request.Scope?.ToScope() ?? ProposalScope.Community;
        var units = await ScopeUnits(communityId, scope, ct);
        if (await OutsideCommunity(communityId, scope, ct) is { Count: > 0 } strangers)
        {
            var field = scope.Kind == VoteScopeKind.Buildings ? "scope.buildingIds" : "scope.unitIds";
            return new ProposalOpening.Refused(field, "error.not_in_community", string.Join(", ", strangers.Take(5)));
        }

        if (units.Count == 0)
        {
            return new ProposalOpening.Refused("scope", "error.scope_has_no_owners");
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
            return new ProposalOpening.Refused(refused.Field!, refused.Key, refused.Args);
        }

        var proposal = new Proposal(Guid.CreateVersion7(now), communityId, request.Matter!.Value, request.Title!.Trim(),
            request.Text!.Trim(), scope, rules.Id, opensAt, request.ClosesAt!.Value, access.Actor)
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
        return new ProposalOpening.Opened(proposal, now);
    }

    /// <summary>The units in scope with their owners now (when the proposal is created).</summary>
    private Task<List<ElectorateUnit>> ScopeUnits(Guid communityId, ProposalScope scope, CancellationToken ct)
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
    private async Task<List<Guid>> OutsideCommunity(Guid communityId, ProposalScope scope, CancellationToken ct)
    {
        var known = scope.Kind switch
        {
            VoteScopeKind.Buildings => await db.Buildings.Where(b => b.CommunityId == communityId && scope.Ids.Contains(b.Id))
                .Select(b => b.Id).ToListAsync(ct),
            VoteScopeKind.Units => await db.Units.Where(u => u.CommunityId == communityId && scope.Ids.Contains(u.Id))
                .Select(u => u.Id).ToListAsync(ct),
            _ => [],
        };
        return scope.Ids.Except(known).ToList();
    }
}
