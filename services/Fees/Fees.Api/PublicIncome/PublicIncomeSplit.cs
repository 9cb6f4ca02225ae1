using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts.Events;
using Platform.Fees.Api.Infrastructure;

namespace Platform.Fees.Api.PublicIncome;

/// <summary>
/// The owners' share of net public income agreed by an owners' resolution (Civil Code art. 282/283); the
/// rest goes to the property company. Without one, all net income belongs to the owners.
/// </summary>
public sealed class PublicIncomeSplit
{
    /// <summary>The term a resolution carries for it: the owners' share in whole percent (0–100).</summary>
    public const string OwnersSharePercentTerm = "publicIncomeOwnersSharePercent";

    public Guid ProposalId { get; init; }

    public Guid CommunityId { get; init; }

    public int OwnersSharePercent { get; init; }

    public DateTimeOffset DecidedAt { get; init; }

    /// <summary>The company's share of a net amount, rounded down: the fen in doubt stay with the owners.</summary>
    public static long CompanyShareFen(long netFen, int ownersSharePercent) =>
        netFen <= 0 ? 0 : (long)((Int128)netFen * (100 - ownersSharePercent) / 100);
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

/// <summary>Takes the split from an owners' resolution that names one; other resolutions are not about it.</summary>
public sealed class PublicIncomeSplitHandler(FeesDbContext db) : IIntegrationEventHandler<ResolutionPassed>
{
    public async Task Handle(ResolutionPassed resolution, CancellationToken cancellationToken)
    {
        if (!resolution.Terms.TryGetValue(PublicIncomeSplit.OwnersSharePercentTerm, out var text)
            || !int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var percent)
            || percent is < 0 or > 100
            || await db.PublicIncomeSplits.IgnoreQueryFilters().AnyAsync(s => s.ProposalId == resolution.ProposalId, cancellationToken))
        {
            return;
        }

        db.PublicIncomeSplits.Add(new PublicIncomeSplit
        {
            ProposalId = resolution.ProposalId, CommunityId = resolution.CommunityId, OwnersSharePercent = percent, DecidedAt = resolution.DecidedAt,
        });
    }
}
