using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.StarLevels;

/// <summary>One rating of a community's property service by the housing bureau (物业服务星级评定); the history is kept.</summary>
public sealed class StarRating
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public int StarLevel { get; init; }

    public int? PreviousStarLevel { get; init; }

    public DateOnly EffectiveFrom { get; init; }

    public required string Reason { get; init; }

    /// <summary>Who rated (client id), or "registration" for the level a community was registered with.</summary>
    public required string RatedBy { get; init; }

    public DateTimeOffset RatedAt { get; init; }
}

internal sealed class StarRatingConfiguration : IEntityTypeConfiguration<StarRating>
{
    public void Configure(EntityTypeBuilder<StarRating> builder)
    {
        builder.HasIndex(r => new { r.CommunityId, r.RatedAt });
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.RatedBy).HasMaxLength(100);
        builder.HasOne<Community>().WithMany().HasForeignKey(r => r.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}
