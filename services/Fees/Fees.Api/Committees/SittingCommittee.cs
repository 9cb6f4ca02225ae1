using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts.Events;
using Platform.Fees.Api.Infrastructure;

namespace Platform.Fees.Api.Committees;

/// <summary>
/// A seat on a community's owners' committee, copied from governance's <see cref="OwnersCommitteeElected"/>: which owner
/// sits for which term. Fees uses it to give the sitting committee the community's arrears list.
/// </summary>
public sealed class CommitteeSeat
{
    public Guid CommunityId { get; init; }

    public Guid CommitteeId { get; init; }

    public Guid OwnerId { get; init; }

    public DateOnly TermStart { get; init; }

    public DateOnly TermEnd { get; init; }
}

internal sealed class CommitteeSeatConfiguration : IEntityTypeConfiguration<CommitteeSeat>
{
    public void Configure(EntityTypeBuilder<CommitteeSeat> builder)
    {
        builder.ToTable("committee_seats");
        builder.HasKey(s => new { s.CommitteeId, s.OwnerId });
        builder.HasIndex(s => new { s.CommunityId, s.OwnerId });
    }
}

/// <summary>A newly elected committee replaces the one before: its seats replace the community's, once per committee.</summary>
public sealed class OwnersCommitteeElectedHandler(FeesDbContext db) : IIntegrationEventHandler<OwnersCommitteeElected>
{
    public async Task Handle(OwnersCommitteeElected elected, CancellationToken cancellationToken)
    {
        if (await db.CommitteeSeats.AnyAsync(s => s.CommitteeId == elected.CommitteeId, cancellationToken))
        {
            return;
        }

        await db.CommitteeSeats.Where(s => s.CommunityId == elected.CommunityId).ExecuteDeleteAsync(cancellationToken);
        db.CommitteeSeats.AddRange(elected.MemberOwnerIds.Distinct().Select(owner => new CommitteeSeat
        {
            CommunityId = elected.CommunityId, CommitteeId = elected.CommitteeId, OwnerId = owner, TermStart = elected.TermStart, TermEnd = elected.TermEnd,
        }));
    }

    /// <summary>Whether the owner sits on the community's owners' committee on the day.</summary>
    public static Task<bool> SitsAsync(FeesDbContext db, Guid communityId, Guid ownerId, DateOnly day, CancellationToken ct) =>
        db.CommitteeSeats.AnyAsync(s => s.CommunityId == communityId && s.OwnerId == ownerId && s.TermStart <= day && s.TermEnd > day, ct);
}
