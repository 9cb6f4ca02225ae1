using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Time;
using Platform.Contracts.Events;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Domain.Repairs;

namespace Platform.Funds.Api.Repairs;

/// <summary>
/// The owners passed a project (matter 5, reference <c>repair-project:{id}</c>) over a scope that covers the project's
/// units: it is publicised (立项公示) until its publicity ends; then the housing bureau may approve it.
/// </summary>
public sealed class RepairResolutionPassedHandler(
    FundsDbContext db, IConfiguration configuration, BusinessCalendar calendar, ILogger<RepairResolutionPassedHandler> logger)
    : IIntegrationEventHandler<ResolutionPassed>
{
    public async Task Handle(ResolutionPassed resolution, CancellationToken cancellationToken)
    {
        if (await RepairResolutions.ProjectFor(db, resolution.Matter, resolution.Reference, resolution.CommunityId, cancellationToken) is not { } project)
        {
            return;
        }

        var publicityDays = RepairResolutions.Limits(configuration).PublicityDays;
        var decidedOn = calendar.DateOf(resolution.DecidedAt);
        if (project.PassVote(resolution.ProposalId, resolution.ScopeUnitIds, decidedOn, publicityDays) is { } refusal)
        {
            logger.LogWarning("Resolution {Proposal} does not decide repair project {Project} ({Reason}); the project stays as it was",
                resolution.ProposalId, project.Id, refusal.Reason);
        }
    }
}

/// <summary>The owners did not pass a project: it is rejected and can never be paid.</summary>
public sealed class RepairResolutionRejectedHandler(FundsDbContext db) : IIntegrationEventHandler<ResolutionRejected>
{
    public async Task Handle(ResolutionRejected resolution, CancellationToken cancellationToken)
    {
        // ProjectFor finds only a project awaiting the vote, so the rejection is never refused here.
        (await RepairResolutions.ProjectFor(db, resolution.Matter, resolution.Reference, resolution.CommunityId, cancellationToken))
            ?.RejectByVote(resolution.ProposalId);
    }
}

/// <summary>A blacklisted company is never paid from the fund while it is listed.</summary>
public sealed class ContractorBlacklistedHandler(FundsDbContext db) : IIntegrationEventHandler<PropertyCompanyBlacklisted>
{
    public async Task Handle(PropertyCompanyBlacklisted listed, CancellationToken cancellationToken)
    {
        if (!await db.BlacklistedContractors.AnyAsync(b => b.ContractorId == listed.PropertyCompanyId && b.From == listed.From, cancellationToken))
        {
            db.BlacklistedContractors.Add(new BlacklistedContractor { ContractorId = listed.PropertyCompanyId, From = listed.From, Until = listed.Until, Reason = listed.Reason.ToString() });
        }
    }
}

public static class RepairResolutions
{
    public static RepairLimits Limits(IConfiguration configuration) => configuration.GetSection("Funds:Repairs").Get<RepairLimits>() ?? RepairLimits.Default;

    /// <summary>The project awaiting a vote that a matter-5 resolution of its community names, if any.</summary>
    public static async Task<RepairProject?> ProjectFor(FundsDbContext db, OwnersMatter matter, string? reference, Guid communityId, CancellationToken ct)
    {
        if (matter != OwnersMatter.UseMaintenanceFunds || reference?.StartsWith(RepairProject.ReferencePrefix, StringComparison.Ordinal) != true
            || !Guid.TryParse(reference.AsSpan(RepairProject.ReferencePrefix.Length), out var projectId))
        {
            return null;
        }

        return await db.RepairProjects.IgnoreQueryFilters()
            .FirstOrDefaultAsync(p => p.Id == projectId && p.CommunityId == communityId && p.Status == RepairStatus.AwaitingVote, ct);
    }

    public static Task<bool> IsBlacklistedAsync(FundsDbContext db, Guid contractorId, DateOnly day, CancellationToken ct) =>
        db.BlacklistedContractors.AnyAsync(b => b.ContractorId == contractorId && b.From <= day && b.Until >= day, ct);
}
