using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Data;

namespace Platform.Fees.Api.Disclosures;

/// <summary>A published disclosure of a community's fees and public income (<see cref="DisclosureContent"/>), an immutable version.</summary>
public sealed class Disclosure : PublishedVersion;

internal sealed class DisclosureConfiguration : IEntityTypeConfiguration<Disclosure>
{
    public void Configure(EntityTypeBuilder<Disclosure> builder) => PublishedVersion.Configure(builder, "disclosures");
}
