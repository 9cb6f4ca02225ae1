using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Data;

namespace Platform.Funds.Api.Disclosures;

/// <summary>A published disclosure of a community's fund accounts (维修资金公示, <see cref="FundDisclosureContent"/>), an immutable version.</summary>
public sealed class FundDisclosure : PublishedVersion;

internal sealed class FundDisclosureConfiguration : IEntityTypeConfiguration<FundDisclosure>
{
    public void Configure(EntityTypeBuilder<FundDisclosure> builder) => PublishedVersion.Configure(builder, "fund_disclosures");
}
