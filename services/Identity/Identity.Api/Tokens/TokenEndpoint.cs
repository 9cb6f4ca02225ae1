using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.BuildingBlocks.Security;
using Platform.Identity.Api.Clients;
using Platform.Identity.Api.Infrastructure;
using Platform.Identity.Api.OwnerSignIn;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Api.Tokens;

/// <summary>
/// /connect/token after OpenIddict has checked the request (client id and secret, grant type, known
/// scopes): decides what the token says. Client credentials: the client's organisation and the scopes it
/// asked for, all of which it must hold. Owner sign-in: the owner the one-time code was sent to, with
/// at most the owner scopes. Claims as <see cref="PlatformClaims"/>, all in the access token.
/// </summary>
public static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(TokenServer.TokenPath, Exchange)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }

    public static async Task<IResult> Exchange(
        HttpContext http, IdentityDbContext db, OwnerSignInCodes codes, ClientAddresses addresses, IConfiguration configuration,
        CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing: /connect/token must be handled by OpenIddict first.");
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == request.ClientId, ct);
        if (client is null || client.IsRevoked)
        {
            return Refuse(Errors.InvalidClient, "The client is unknown or revoked.");
        }

        var audience = configuration["Auth:Audience"] ?? AuthenticationExtensions.DefaultAudience;
        if (request.IsClientCredentialsGrantType())
        {
            return client.IsPublic
                ? Refuse(Errors.UnauthorizedClient, "A public client cannot use client credentials.")
                : Grant(subject: client.ClientId, client.OrganisationType, client.OrganisationId, request.GetScopes(), HeldScopes(client), audience);
        }

        if (request.GrantType == OwnerSignInGrant.Type)
        {
            if (client.OrganisationType != OrganisationTypes.Owner)
            {
                return Refuse(Errors.UnauthorizedClient, "Only the owners' app may sign owners in.");
            }

            var phone = (string?)request.GetParameter(OwnerSignInGrant.PhoneParameter);
            var code = (string?)request.GetParameter(OwnerSignInGrant.CodeParameter);
            if (string.IsNullOrEmpty(phone) || string.IsNullOrEmpty(code))
            {
                return Refuse(Errors.InvalidRequest, "The phone and code parameters are required.");
            }

            var allowed = HeldScopes(client);
            var requested = request.GetScopes();
            if (requested.Any(scope => !allowed.Contains(scope)))
            {
                return Refuse(Errors.InvalidScope, "An owner may not ask for that scope.");
            }

            return await codes.RedeemAsync(phone, code, addresses.Of(http), ct) is { } ownerId
                ? Grant(subject: ownerId.ToString(), OrganisationTypes.Owner, organisationId: null, requested, allowed, audience)
                : Refuse(Errors.InvalidGrant, "The code is wrong, expired or used up, or too many wrong codes were tried.");
        }

        return Refuse(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static IResult Grant(
        string subject, string organisationType, Guid? organisationId,
        IReadOnlyCollection<string> requested, IReadOnlyCollection<string> allowed, string audience)
    {
        if (requested.Any(scope => !allowed.Contains(scope)))
        {
            return Refuse(Errors.InvalidScope, "The client may not ask for that scope.");
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, PlatformClaims.Subject, Claims.Role);
        identity.SetClaim(PlatformClaims.Subject, subject);
        identity.SetClaim(PlatformClaims.OrganisationType, organisationType);
        if (organisationId is { } id)
        {
            identity.SetClaim(PlatformClaims.OrganisationId, id.ToString());
        }

        // OpenIddict adds client_id (the authenticated client) and scope (space-separated) to the access token itself.
        identity.SetScopes(requested.Count > 0 ? requested : allowed);
        identity.SetResources(audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The client's scopes, re-checked against the rules: a scope stored against them is never issued.</summary>
    private static List<string> HeldScopes(PlatformClient client) =>
        client.Scopes.Where(scope => ScopeGrants.MayHold(client.OrganisationType, scope)).ToList();

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
