using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Fees.Domain.PublicIncome;

namespace Platform.Fees.Api.PublicIncome;

/// <summary>
/// The owners' share of net public income agreed by a community-wide owners' resolution of art. 278 item (9)
/// (<see cref="PublicIncomeResolutions"/>); the rest goes to the property company. It governs income and expenses
/// from the day of the decision on; before any, all net income belongs to the owners (Civil Code art. 282).
/// </summary>
public sealed class PublicIncomeSplit
{
    /// <summary>The term a resolution carries for it: the owners' share in whole percent (0–100).</summary>
    public const string OwnersSharePercentTerm = PublicIncomeResolutions.OwnersSharePercentTerm;

    public Guid ProposalId { get; init; }

    public Guid CommunityId { get; init; }

    public int OwnersSharePercent { get; init; }

    public DateTimeOffset DecidedAt { get; init; }

    /// <summary>The first business day whose income and expenses it splits: the day of the decision.</summary>
    public DateOnly EffectiveFrom { get; init; }

    /// <summary>The company's share of a net amount, rounded down: the fen in doubt stay with the owners.</summary>
    public static long CompanyShareFen(long netFen, int ownersSharePercent) =>
        PublicIncomeShares.CompanyShareFen(netFen, ownersSharePercent);

    public SplitInForce ToSplit() => new(ProposalId, EffectiveFrom, OwnersSharePercent);

    /// <summary>A community's splits in the order they were decided.</summary>
    public static async Task<List<SplitInForce>> OfAsync(DbSet<PublicIncomeSplit> splits, Guid communityId, CancellationToken ct) =>
        (await splits.IgnoreQueryFilters().AsNoTracking().Where(s => s.CommunityId == communityId).OrderBy(s => s.DecidedAt)
            .ToListAsync(ct))
        .Select(s => s.ToSplit()).ToList();
}

internal sealed class PublicIncomeSplitConfiguration : IEntityTypeConfiguration<PublicIncomeSplit>
{
    public void Configure(EntityTypeBuilder<PublicIncomeSplit> builder)
    {
        builder.ToTable("public_income_splits");
        builder.HasKey(s => s.ProposalId);
        builder.HasIndex(s => new { s.CommunityId, s.DecidedAt });
    }
}
