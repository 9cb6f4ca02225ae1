using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.Contracts.Events;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Voting;

namespace Platform.Governance.Api.Voting;

public sealed class VotingOptions
{
    /// <summary>How often to look for proposals whose window has ended.</summary>
    public TimeSpan ClosePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often to put newly cast ballots on their proposal's chain.</summary>
    public TimeSpan SealPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>
/// Decides each proposal once its window has ended: recounts the record, checks the ballot chain,
/// stores the result (immutable) and emits <see cref="ResolutionPassed"/> or <see cref="ResolutionRejected"/>
/// through the outbox, in one transaction. Safe with several replicas: the per-proposal lock and the
/// result's key let exactly one decide.
/// </summary>
public sealed class ProposalCloser(IServiceScopeFactory scopes, TimeProvider time, IOptions<VotingOptions> options, ILogger<ProposalCloser> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => options.Value.ClosePollInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => CloseDueAsync(cancellationToken);

    public async Task CloseDueAsync(CancellationToken ct)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            var now = Time.GetUtcNow();
            due = await db.Proposals.IgnoreQueryFilters()
                .Where(p => p.ClosesAt <= now && !db.ProposalResults.IgnoreQueryFilters().Any(r => r.ProposalId == p.Id))
                .OrderBy(p => p.ClosesAt).Select(p => p.Id).Take(50).ToListAsync(ct);
        }

        foreach (var proposalId in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            await DecideAsync(scope.ServiceProvider.GetRequiredService<GovernanceDbContext>(), proposalId, ct);
        }
    }

    private async Task DecideAsync(GovernanceDbContext db, Guid proposalId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Waits for the ballots still committing (they hold the proposal's ballot lock shared) and holds off any later one.
        await db.Database.AcquireAsync(BallotBox.BallotLock(proposalId), ct);
        if (await db.ProposalResults.IgnoreQueryFilters().AnyAsync(r => r.ProposalId == proposalId, ct))
        {
            return;
        }

        var proposal = await db.Proposals.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == proposalId, ct);
        if (proposal.ClosesAt > Time.GetUtcNow())
        {
            // Extended between the look for due proposals and this lock: not due any more.
            return;
        }

        await BallotSealer.SealAsync(db, proposalId, Time.GetUtcNow(), ct);

        var chain = await Recount.VerifyChainAsync(db, proposalId, ct);
        if (!chain.Intact)
        {
            // Never decide on a tampered record: leave it undecided and loud until someone looks.
            logger.LogCritical("The ballot chain of proposal {ProposalId} does not verify after {Count} ballots; no result is published", proposalId, chain.Count);
            return;
        }

        var electorate = await Recount.ElectorateAsync(db, proposalId, ct);
        var result = VoteCount.Decide(RuleSetCatalog.Default.ById(proposal.RuleSetId), proposal.Matter, electorate, await Recount.LastBallotsAsync(db, proposalId, ct));
        var now = Time.GetUtcNow();
        db.ProposalResults.Add(new ProposalResult(proposalId, result, chain.Count, chain.Head, now));
        var unitIds = electorate.Voters.SelectMany(v => v.UnitIds).Order().ToList();
        var figures = new ResolutionFigures(result.Tally.ElectorateHeadcount, result.Tally.ElectorateAreaHundredths / 100m,
            result.Tally.ParticipatingHeadcount, result.Tally.ParticipatingAreaHundredths / 100m, result.Tally.AgreeHeadcount, result.Tally.AgreeAreaHundredths / 100m);
        var matter = (OwnersMatter)(int)proposal.Matter;
        if (result.Passed)
        {
            db.AddIntegrationEvent(new ResolutionPassed(proposalId, proposal.CommunityId, matter, proposal.Title, proposal.ScopeKind, unitIds,
                proposal.Reference, proposal.Terms, result.RuleSetId, figures, now, now), now);
        }
        else
        {
            db.AddIntegrationEvent(new ResolutionRejected(proposalId, proposal.CommunityId, matter, proposal.Title, proposal.ScopeKind, unitIds,
                proposal.Reference, proposal.Terms, result.RuleSetId, figures, result.QuorumMet, now, now), now);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Proposal {ProposalId} decided: passed {Passed} under {RuleSetId}", proposalId, result.Passed, result.RuleSetId);
    }
}
