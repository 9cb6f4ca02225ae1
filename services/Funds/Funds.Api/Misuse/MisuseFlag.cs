using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Contracts.Events;
using Platform.Funds.Api.Infrastructure;

namespace Platform.Funds.Api.Misuse;

/// <summary>The signs of misuse the fund watches for (seed item 9), handed to Finance and Police.</summary>
public enum MisuseKind
{
    /// <summary>Money asked for a normal-track project the owners have not passed and the bureau has not approved.</summary>
    DisbursementWithoutResolution,

    /// <summary>A settlement over the budget by more than the county's threshold.</summary>
    OverBudgetSettlement,

    /// <summary>One contractor's several projects in one community, each under the threshold, together over it.</summary>
    SplitProjects,

    /// <summary>The emergency track used again for the same item within the window.</summary>
    RepeatedEmergency,

    /// <summary>A payment to a blacklisted contractor was attempted (and refused).</summary>
    BlacklistedContractorPayment,

    /// <summary>A community's fund accounts not disclosed for a quarter by its deadline.</summary>
    LateDisclosure,
}

/// <summary>A raised flag with its evidence (ids, amounts, dates; never names). Append-only.</summary>
public sealed class MisuseFlag
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public Guid? ProjectId { get; init; }

    public MisuseKind Kind { get; init; }

    public required string Evidence { get; init; }

    /// <summary>The quarter a late-disclosure flag is about ("2026-Q3"); one flag per community and quarter.</summary>
    public string? Period { get; init; }

    public DateTimeOffset RaisedAt { get; init; }
}

internal sealed class MisuseFlagConfiguration : IEntityTypeConfiguration<MisuseFlag>
{
    public void Configure(EntityTypeBuilder<MisuseFlag> builder)
    {
        builder.ToTable("misuse_flags");
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(f => f.Evidence).HasMaxLength(2000);
        builder.Property(f => f.Period).HasMaxLength(20);
        builder.HasIndex(f => new { f.CommunityId, f.RaisedAt });
        builder.HasIndex(f => new { f.CommunityId, f.Kind, f.Period }).IsUnique().HasFilter("period IS NOT NULL");
    }
}

/// <summary>Raises flags: with the command's own changes, or on their own when the command is refused (an attempt is evidence too).</summary>
public sealed class MisuseFlagRaiser(FundsDbContext db, IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>Adds the flag to the current unit of work; it commits with the command.</summary>
    public void Raise(Guid communityId, Guid? projectId, MisuseKind kind, string evidence, string? period = null) =>
        Add(db, communityId, projectId, kind, evidence, time.GetUtcNow(), period);

    /// <summary>Commits the flag in its own transaction, so it stays when the command that found it is refused and rolled back.</summary>
    public async Task RaiseAloneAsync(Guid communityId, Guid? projectId, MisuseKind kind, string evidence, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<FundsDbContext>();
        Add(own, communityId, projectId, kind, evidence, time.GetUtcNow(), null);
        await own.SaveChangesAsync(ct);
    }

    private static void Add(FundsDbContext db, Guid communityId, Guid? projectId, MisuseKind kind, string evidence, DateTimeOffset now, string? period)
    {
        var flag = new MisuseFlag
        {
            Id = Guid.CreateVersion7(now), CommunityId = communityId, ProjectId = projectId, Kind = kind, Evidence = evidence, Period = period, RaisedAt = now,
        };
        db.MisuseFlags.Add(flag);
        db.AddIntegrationEvent(new MisuseFlagged(flag.Id, communityId, projectId, kind.ToString(), evidence, now), now);
    }
}
