using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts.Events;

namespace Platform.BuildingBlocks.Registry;

/// <summary>
/// A seat on a community's owners' committee, copied from governance's <see cref="OwnersCommitteeElected"/>: which owner
/// sits for which term. A service that gives the sitting committee something (Fees its arrears list, Funds the right to
/// propose repairs) opts in with <see cref="CommitteeSeats.HandleCommitteeSeats{TContext}"/> and
/// <see cref="CommitteeSeats.ApplyCommitteeSeats"/>.
/// </summary>
public sealed class CommitteeSeat
{
    public Guid CommunityId { get; init; }

    public Guid CommitteeId { get; init; }

    public Guid OwnerId { get; init; }

    public DateOnly TermStart { get; init; }

    public DateOnly TermEnd { get; init; }
}

/// <summary>A newly elected committee replaces the one before: its seats replace the community's, once per committee.</summary>
public sealed class OwnersCommitteeElectedHandler<TContext>(TContext db) : IIntegrationEventHandler<OwnersCommitteeElected>
    where TContext : ServiceDbContext
{
    public async Task Handle(OwnersCommitteeElected elected, CancellationToken cancellationToken)
    {
        var seats = db.Set<CommitteeSeat>();
        if (await seats.AnyAsync(s => s.CommitteeId == elected.CommitteeId, cancellationToken))
        {
            return;
        }

        await seats.Where(s => s.CommunityId == elected.CommunityId).ExecuteDeleteAsync(cancellationToken);
        seats.AddRange(elected.MemberOwnerIds.Distinct().Select(owner => new CommitteeSeat
        {
            CommunityId = elected.CommunityId, CommitteeId = elected.CommitteeId, OwnerId = owner, TermStart = elected.TermStart, TermEnd = elected.TermEnd,
        }));
    }
}

public static class CommitteeSeats
{
    public static MessagingBuilder HandleCommitteeSeats<TContext>(this MessagingBuilder messaging) where TContext : ServiceDbContext =>
        messaging.Handle<OwnersCommitteeElected, OwnersCommitteeElectedHandler<TContext>>();

    /// <summary>The <c>committee_seats</c> table; no filter: it is read only to decide access.</summary>
    public static ModelBuilder ApplyCommitteeSeats(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CommitteeSeat>(builder =>
        {
            builder.ToTable("committee_seats");
            builder.HasKey(s => new { s.CommitteeId, s.OwnerId });
            builder.HasIndex(s => new { s.CommunityId, s.OwnerId });
        });
        return modelBuilder;
    }

    /// <summary>Whether the owner sits on the community's owners' committee on the day.</summary>
    public static Task<bool> SitsAsync(DbContext db, Guid communityId, Guid ownerId, DateOnly day, CancellationToken ct) =>
        db.Set<CommitteeSeat>().AnyAsync(s => s.CommunityId == communityId && s.OwnerId == ownerId && s.TermStart <= day && s.TermEnd > day, ct);
}
