using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Security;

namespace Platform.Gateway.Security;

/// <summary>
/// The named authorization policies the routes in configuration use ("AuthorizationPolicy"). Policy "&lt;service&gt;-api"
/// admits an authenticated caller holding at least one scope of that service ("fees.read", "fees.write" ... for
/// "fees-api"); the service then checks the exact scope per endpoint. Public and docs routes use YARP's "anonymous".
/// A route that names no policy falls to the fallback policy (an authenticated caller): nothing is open by omission.
/// </summary>
public static class RoutePolicies
{
    public const string Suffix = "-api";

    /// <summary>Every service that has scopes (from the scope catalogue: "governance", "fees", ..., "identity").</summary>
    public static IReadOnlyList<string> Services { get; } =
        Scopes.All.Where(scope => scope.Contains('.', StringComparison.Ordinal))
            .Select(scope => scope[..scope.IndexOf('.', StringComparison.Ordinal)])
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public static string For(string service) => service + Suffix;

    public static WebApplicationBuilder AddRoutePolicies(this WebApplicationBuilder builder)
    {
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var service in Services)
        {
            authorization.AddPolicy(For(service), policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.HasScopeOf(service)));
        }

        return builder;
    }

    /// <summary>Whether the token carries any scope "&lt;service&gt;.&lt;action&gt;".</summary>
    public static bool HasScopeOf(this System.Security.Claims.ClaimsPrincipal user, string service) =>
        user.FindAll(PlatformClaims.Scope)
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(scope => scope.Length > service.Length + 1
                && scope[service.Length] == '.'
                && scope.StartsWith(service, StringComparison.Ordinal));
}
