using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;
using Platform.Identity.Api.Clients;
using Platform.Identity.Api.OwnerSignIn;

namespace Platform.Identity.Api.Infrastructure;

/// <summary>
/// The identity database: the platform's clients (organisation, scopes, status), OpenIddict's
/// applications (client id and hashed secret), owners' one-time sign-in codes (requested, sent, failed), and the registry read
/// model (to tell whether a township or property company id is one the registry knows).
/// </summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options, CallerAccess access, HashChain chain)
    : ServiceDbContext(options, access, chain)
{
    public DbSet<PlatformClient> Clients => Set<PlatformClient>();

    public DbSet<OwnerSignInCode> SignInCodes => Set<OwnerSignInCode>();

    public DbSet<OwnerSignInRequest> SignInRequests => Set<OwnerSignInRequest>();

    public DbSet<OwnerSignInFailure> SignInFailures => Set<OwnerSignInFailure>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IdentityDbContext).Assembly);
        ApplyRegistryReadModel(modelBuilder);

        // OpenIddict's stores, keyed by UUID; its explicit table names would escape the snake_case convention.
        modelBuilder.UseOpenIddict<Guid>();
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreApplication<Guid>>().ToTable("openiddict_applications");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreAuthorization<Guid>>().ToTable("openiddict_authorizations");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreScope<Guid>>().ToTable("openiddict_scopes");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreToken<Guid>>().ToTable("openiddict_tokens");
    }
}
