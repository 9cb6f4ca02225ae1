using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Funds.Api.Ledgers;

/// <summary>
/// A demand that a unit's owners top up (续交) its ledger, made when a posting leaves the balance below the threshold.
/// One open demand per unit; top-up deposits settle it.
/// </summary>
public sealed class TopUpDemand
{
    public Guid Id { get; init; }

    public Guid UnitId { get; init; }

    public Guid CommunityId { get; init; }

    public long BalanceFen { get; init; }

    public long InitialDepositFen { get; init; }

    public long DemandedFen { get; init; }

    public long PaidFen { get; set; }

    public DateTimeOffset DemandedAt { get; init; }

    public DateTimeOffset? SettledAt { get; set; }
}

internal sealed class TopUpDemandConfiguration : IEntityTypeConfiguration<TopUpDemand>
{
    public void Configure(EntityTypeBuilder<TopUpDemand> builder)
    {
        builder.ToTable("top_up_demands");
        builder.HasIndex(d => d.UnitId).IsUnique().HasFilter("settled_at IS NULL");
        builder.HasIndex(d => d.CommunityId);
    }
}
