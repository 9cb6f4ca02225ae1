using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Auditing;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Time;
using Platform.Contracts.Events;
using Platform.Fees.Api.Infrastructure;
using Platform.Fees.Domain.PublicIncome;

namespace Platform.Fees.Api.PublicIncome;

/// <summary>
/// A passed owners' resolution as fees knows it, copied from governance's <see cref="ResolutionPassed"/>: what a use of the
/// owners' public income (a fee-shortfall cover) names by id and is checked against. Rejected resolutions are never copied.
/// </summary>
public sealed class OwnersResolution
{
    public Guid ProposalId { get; init; }

    public Guid CommunityId { get; init; }

    public OwnersMatter Matter { get; init; }

    public VoteScopeKind ScopeKind { get; init; }

    /// <summary>The <see cref="PublicIncomeResolutions.ShortfallCoverLimitTerm"/> it agreed, if any.</summary>
    public long? ShortfallCoverLimitFen { get; init; }

    public DateTimeOffset DecidedAt { get; init; }

    /// <summary>Why it may not authorise a cover of this community's fee shortfall, or <see cref="ResolutionRefusal.None"/>.</summary>
    public ResolutionRefusal MayCoverShortfallIn(Guid communityId) =>
        communityId != CommunityId ? ResolutionRefusal.OtherCommunity
        : PublicIncomeResolutions.MayDispose(Matter, ScopeKind) is var refusal and not ResolutionRefusal.None ? refusal
        : ShortfallCoverLimitFen is null ? ResolutionRefusal.TermMissing
        : ResolutionRefusal.None;
}

internal sealed class OwnersResolutionConfiguration : IEntityTypeConfiguration<OwnersResolution>
{
    public void Configure(EntityTypeBuilder<OwnersResolution> builder)
    {
        builder.ToTable("owners_resolutions");
        builder.HasKey(r => r.ProposalId);
        builder.Property(r => r.Matter).HasConversion<string>().HasMaxLength(40);
        builder.Property(r => r.ScopeKind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(r => r.CommunityId);
    }
}

/// <summary>
/// Copies every passed resolution once, and takes a public-income split only from a community-wide resolution of art. 278
/// item (9) for a community fees knows; any other split is ignored, logged and put in the audit trail.
/// </summary>
public sealed class ResolutionPassedHandler(FeesDbContext db, BusinessCalendar calendar, ILogger<ResolutionPassedHandler> logger)
    : IIntegrationEventHandler<ResolutionPassed>
{
    /// <summary>The audit trail's actor for what fees decides on governance's events.</summary>
    private const string Actor = "governance";

    public async Task Handle(ResolutionPassed resolution, CancellationToken cancellationToken)
    {
        if (await db.OwnersResolutions.IgnoreQueryFilters().AnyAsync(r => r.ProposalId == resolution.ProposalId, cancellationToken))
        {
            return;
        }

        db.OwnersResolutions.Add(new OwnersResolution
        {
            ProposalId = resolution.ProposalId, CommunityId = resolution.CommunityId, Matter = resolution.Matter,
            ScopeKind = resolution.ScopeKind, ShortfallCoverLimitFen = PublicIncomeResolutions.ShortfallCoverLimitFen(resolution.Terms),
            DecidedAt = resolution.DecidedAt,
        });
        if (!resolution.Terms.ContainsKey(PublicIncomeResolutions.OwnersSharePercentTerm))
        {
            return;
        }

        var refusal = PublicIncomeResolutions.Split(resolution.Matter, resolution.ScopeKind, resolution.Terms, out var percent);
        if (refusal == ResolutionRefusal.None
            && !await db.Set<RegistryCommunity>().IgnoreQueryFilters().AnyAsync(c => c.Id == resolution.CommunityId, cancellationToken))
        {
            refusal = ResolutionRefusal.OtherCommunity;
        }

        if (refusal != ResolutionRefusal.None)
        {
            await IgnoreAsync(resolution, refusal, cancellationToken);
            return;
        }

        db.PublicIncomeSplits.Add(new PublicIncomeSplit
        {
            ProposalId = resolution.ProposalId, CommunityId = resolution.CommunityId, OwnersSharePercent = percent,
            DecidedAt = resolution.DecidedAt, EffectiveFrom = calendar.DateOf(resolution.DecidedAt),
        });
    }

    private async Task IgnoreAsync(ResolutionPassed resolution, ResolutionRefusal refusal, CancellationToken ct)
    {
        logger.LogWarning(
            "Public-income split of resolution {ProposalId} in community {CommunityId} ignored: {Refusal} (matter {Matter}, scope {Scope})",
            resolution.ProposalId, resolution.CommunityId, refusal, resolution.Matter, resolution.ScopeKind);
        var now = calendar.Now;
        await AuditTrail.AppendAsync(db, Actor, previous => new AuditEntry
        {
            Id = Guid.CreateVersion7(now), Actor = Actor, Action = "IgnorePublicIncomeSplit",
            Target = $"resolutions/{resolution.ProposalId}", StatusCode = StatusCodes.Status422UnprocessableEntity, OccurredAt = now,
            TraceId = System.Diagnostics.Activity.Current?.TraceId.ToString(), PreviousHash = previous,
        }, ct);
    }
}
