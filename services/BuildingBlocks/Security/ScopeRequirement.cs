using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.Security;

/// <summary>Policies named "scope:&lt;scope&gt;" require that scope in the token's space-separated "scope" claim.</summary>
public sealed class ScopePolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public const string Prefix = "scope:";

    /// <summary>Only county departments: actions on the county as a whole (registering townships, companies).</summary>
    public const string CountyWide = "county-wide";

    /// <summary>Keepers of the registers: county departments and townships (for their own communities).</summary>
    public const string Registrar = "registrar";

    /// <summary>Policies named "organisation:&lt;type&gt;" admit only callers of that organisation type (for example the housing bureau).</summary>
    public const string OrganisationPrefix = "organisation:";

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName is CountyWide or Registrar)
        {
            return new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireAssertion(context =>
                {
                    var caller = CallerAccess.For(context.User);
                    return caller.IsCountyWide || (policyName == Registrar && caller.TownshipId is not null);
                })
                .Build();
        }

        if (policyName.StartsWith(OrganisationPrefix, StringComparison.Ordinal))
        {
            var organisationType = policyName[OrganisationPrefix.Length..];
            return new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireAssertion(context => CallerAccess.For(context.User).OrganisationType == organisationType)
                .Build();
        }

        if (!policyName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return await base.GetPolicyAsync(policyName);
        }

        var scope = policyName[Prefix.Length..];
        return new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasScope(scope))
            .Build();
    }
}

public static class ScopeExtensions
{
    public static bool HasScope(this System.Security.Claims.ClaimsPrincipal user, string scope) =>
        user.FindAll(PlatformClaims.Scope)
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);

    /// <summary>The endpoint (or group) needs <paramref name="scope"/>; without a token it is 401, without the scope 403.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ScopePolicyProvider.Prefix + scope);

    /// <summary>Only a county department or a township may do this (403 for partners and owners).</summary>
    public static TBuilder RequireRegistrar<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ScopePolicyProvider.Registrar);

    /// <summary>Only callers of this organisation type may do this, for example the housing bureau (403 for anyone else).</summary>
    public static TBuilder RequireOrganisation<TBuilder>(this TBuilder builder, string organisationType) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ScopePolicyProvider.OrganisationPrefix + organisationType);

    /// <summary>Only a county department may do this (403 for townships, partners and owners).</summary>
    public static TBuilder RequireCountyWide<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ScopePolicyProvider.CountyWide);
}
