using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Identity.Api.Clients;
using Platform.Identity.Api.OwnerSignIn;

namespace Platform.Identity.Api.Infrastructure.Configurations;

internal sealed class PlatformClientConfiguration : IEntityTypeConfiguration<PlatformClient>
{
    public void Configure(EntityTypeBuilder<PlatformClient> builder)
    {
        builder.ToTable("clients");
        builder.Property(c => c.ClientId).HasMaxLength(PlatformClient.MaxClientIdLength);
        builder.HasIndex(c => c.ClientId).IsUnique();
        builder.Property(c => c.DisplayName).HasMaxLength(200);
        builder.Property(c => c.OrganisationType).HasMaxLength(40);
        builder.Property(c => c.Scopes);
        builder.Property(c => c.Version).IsRowVersion();
        builder.Ignore(c => c.IsRevoked);
    }
}

internal sealed class OwnerSignInCodeConfiguration : IEntityTypeConfiguration<OwnerSignInCode>
{
    public void Configure(EntityTypeBuilder<OwnerSignInCode> builder)
    {
        builder.ToTable("owner_sign_in_codes");
        builder.Property(c => c.PhoneHash).HasMaxLength(64);
        builder.Property(c => c.CodeSalt).HasMaxLength(16);
        builder.Property(c => c.CodeHash).HasMaxLength(32);
        builder.HasIndex(c => new { c.PhoneHash, c.RequestedAt });
        builder.HasIndex(c => c.RequestedAt);
    }
}

internal sealed class OwnerSignInRequestConfiguration : IEntityTypeConfiguration<OwnerSignInRequest>
{
    public void Configure(EntityTypeBuilder<OwnerSignInRequest> builder)
    {
        builder.ToTable("owner_sign_in_requests");
        builder.Property(r => r.Phone).HasMaxLength(11);
        builder.Property(r => r.TraceParent).HasMaxLength(128);
        builder.Property(r => r.TraceState).HasMaxLength(512);
        builder.HasIndex(r => r.RequestedAt);
    }
}

internal sealed class OwnerSignInFailureConfiguration : IEntityTypeConfiguration<OwnerSignInFailure>
{
    public void Configure(EntityTypeBuilder<OwnerSignInFailure> builder)
    {
        builder.ToTable("owner_sign_in_failures");
        builder.Property(f => f.PhoneHash).HasMaxLength(64);
        builder.Property(f => f.ClientAddress).HasMaxLength(45);
        builder.HasIndex(f => f.FailedAt);
    }
}
