using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Identity.Api.Infrastructure;
using Platform.Identity.Api.Tokens;

namespace Platform.Identity.Api.Clients;

/// <summary>
/// The housing bureau's admin API for clients: register (the secret is shown once), list, get, revoke,
/// rotate the secret (shown once), change scopes. Needs scope identity.admin on a housing-bureau token.
/// </summary>
public static class ClientEndpoints
{
    public static RouteGroupBuilder MapClientEndpoints(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var clients = endpoints.MapGroup($"{prefix}/clients")
            .WithTags("Clients")
            .WithRequestValidation(IdentityText.Messages)
            .RequireScope(Scopes.IdentityAdmin)
            // Defence in depth: only the housing bureau is ever given identity.admin, and only it may use it.
            .RequireAuthorization(policy => policy.RequireClaim(PlatformClaims.OrganisationType, OrganisationTypes.Housing));

        clients.MapPost("/", Register).WithName("RegisterClient")
            .WithSummary("Register a client for a department or partner organisation; the response shows its secret once").AsAuditedCommand();
        clients.MapGet("/", List).WithName("ListClients").WithSummary("Every client, with what it may do");
        clients.MapGet("/{clientId}", Get).WithName("GetClient").WithSummary("One client: organisation, scopes, status");
        clients.MapPost("/{clientId}/revoke", Revoke).WithName("RevokeClient")
            .WithSummary("Revoke a client: its next token request is refused; tokens it holds expire within their lifetime").AsAuditedCommand();
        clients.MapPost("/{clientId}/secret", RotateSecret).WithName("RotateClientSecret")
            .WithSummary("Replace the client's secret; the old one stops working at once, the new one is shown once").AsAuditedCommand();
        clients.MapPut("/{clientId}/scopes", ChangeScopes).WithName("ChangeClientScopes")
            .WithSummary("Replace the scopes the client may ask for").AsAuditedCommand();
        return clients;
    }

    public static async Task<Results<RegisteredClientResult, ValidationProblem, ProblemHttpResult>> Register(
        RegisterClientRequest request, IdentityDbContext db, ClientRegistrar registrar, CancellationToken ct)
    {
        var organisationType = request.OrganisationType!;
        var scopes = request.Scopes ?? ScopeGrants.Defaults(organisationType);
        var errors = ClientScopeRules.Check(organisationType, request.OrganisationId, scopes);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors, IdentityText.Messages);
        }

        var clientId = request.ClientId!;
        if (clientId == ServiceTokens.ClientId || await db.Clients.AnyAsync(c => c.ClientId == clientId, ct))
        {
            return Problems.Conflict("client_already_registered", IdentityText.Messages, clientId);
        }

        var secret = ClientRegistrar.GenerateSecret();
        var client = await registrar.RegisterAsync(clientId, request.DisplayName!.Trim(), organisationType, request.OrganisationId, scopes, secret, ct);
        return new RegisteredClientResult(
            new ClientSecretResponse(client.ClientId, secret, await ClientViews.ForAsync(db, client, ct)),
            $"{IdentityApi.Prefix}/clients/{client.ClientId}");
    }

    public static async Task<Ok<List<ClientResponse>>> List(IdentityDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ClientViews.ForAsync(db, await db.Clients.AsNoTracking().OrderBy(c => c.ClientId).ToListAsync(ct), ct));

    public static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> Get(string clientId, IdentityDbContext db, CancellationToken ct) =>
        await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId, ct) is { } client
            ? TypedResults.Ok(await ClientViews.ForAsync(db, client, ct))
            : IdentityText.ClientNotFound();

    public static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> Revoke(
        string clientId, IdentityDbContext db, ClientRegistrar registrar, CancellationToken ct)
    {
        if (await db.Clients.FirstOrDefaultAsync(c => c.ClientId == clientId, ct) is not { } client)
        {
            return IdentityText.ClientNotFound();
        }

        if (!client.IsRevoked)
        {
            await registrar.RevokeAsync(client, ct);
        }

        return TypedResults.Ok(await ClientViews.ForAsync(db, client, ct));
    }

    public static async Task<Results<RotatedSecretResult, ProblemHttpResult>> RotateSecret(
        string clientId, IdentityDbContext db, ClientRegistrar registrar, CancellationToken ct)
    {
        if (await db.Clients.FirstOrDefaultAsync(c => c.ClientId == clientId, ct) is not { } client)
        {
            return IdentityText.ClientNotFound();
        }

        if (client.IsRevoked)
        {
            return Problems.Conflict("client_revoked", IdentityText.Messages, clientId);
        }

        if (client.IsPublic)
        {
            return Problems.Conflict("public_client_has_no_secret", IdentityText.Messages, clientId);
        }

        var secret = ClientRegistrar.GenerateSecret();
        await registrar.RotateSecretAsync(client, secret, ct);
        return new RotatedSecretResult(new ClientSecretResponse(client.ClientId, secret, await ClientViews.ForAsync(db, client, ct)));
    }

    public static async Task<Results<Ok<ClientResponse>, ValidationProblem, ProblemHttpResult>> ChangeScopes(
        string clientId, ChangeClientScopesRequest request, IdentityDbContext db, ClientRegistrar registrar, CancellationToken ct)
    {
        if (await db.Clients.FirstOrDefaultAsync(c => c.ClientId == clientId, ct) is not { } client)
        {
            return IdentityText.ClientNotFound();
        }

        var errors = ClientScopeRules.Check(client.OrganisationType, client.OrganisationId, request.Scopes!);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors, IdentityText.Messages);
        }

        if (client.IsRevoked)
        {
            return Problems.Conflict("client_revoked", IdentityText.Messages, clientId);
        }

        await registrar.ChangeScopesAsync(client, request.Scopes!, ct);
        return TypedResults.Ok(await ClientViews.ForAsync(db, client, ct));
    }
}
