using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Api.Providers;

/// <summary>
/// A care provider under contract with Civil Affairs (服务商): a care firm, or a property company under the "property +
/// care" model (物业+养老). <see cref="OrganisationId"/> is the org_id its tokens carry.
/// </summary>
public sealed class CareProvider
{
    public Guid Id { get; init; }

    public Guid OrganisationId { get; init; }

    /// <summary>care-provider or property-company.</summary>
    public required string OrganisationType { get; init; }

    public required string Name { get; set; }

    /// <summary>Sum and count of residents' ratings (1–5 stars), kept by atomic updates.</summary>
    public long RatingSum { get; init; }

    public int RatingCount { get; init; }

    public List<CareOffering> Offerings { get; init; } = [];

    public required string RegisteredBy { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; private set; }
}

/// <summary>
/// One service on a provider's menu: the communities it covers, how many orders a day it takes, its price per visit and
/// the government subsidy per visit for each ability level (index = <see cref="AbilityLevel"/>).
/// </summary>
public sealed class CareOffering
{
    public Guid Id { get; init; }

    public Guid ProviderId { get; init; }

    public CareService Service { get; init; }

    public Guid[] CommunityIds { get; init; } = [];

    public int DailyCapacity { get; init; }

    public long PriceFen { get; init; }

    public long[] SubsidyByLevelFen { get; init; } = [];
}

internal sealed class CareProviderConfiguration : IEntityTypeConfiguration<CareProvider>
{
    public void Configure(EntityTypeBuilder<CareProvider> builder)
    {
        builder.ToTable("care_providers");
        builder.Property(p => p.OrganisationType).HasMaxLength(40);
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.RegisteredBy).HasMaxLength(200);
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasIndex(p => p.OrganisationId).IsUnique();
        builder.HasMany(p => p.Offerings).WithOne().HasForeignKey(o => o.ProviderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CareOfferingConfiguration : IEntityTypeConfiguration<CareOffering>
{
    public void Configure(EntityTypeBuilder<CareOffering> builder)
    {
        builder.ToTable("care_offerings");
        builder.Property(o => o.Service).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(o => new { o.ProviderId, o.Service }).IsUnique();
        builder.HasIndex(o => o.CommunityIds).HasMethod("gin");
    }
}
