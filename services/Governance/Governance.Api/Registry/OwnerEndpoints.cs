using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Registry;

public static class OwnerEndpoints
{
    public static void MapOwnerEndpoints(this RouteGroupBuilder api)
    {
        var owners = api.MapGroup("/owners").WithTags("Owners");
        owners.MapPost("/", Register).WithName("RegisterOwner")
            .WithSummary("Register an owner (业主); the ID number is kept only masked and as a keyed hash")
            .RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
        owners.MapGet("/{ownerId:guid}", Get).WithName("GetOwner").WithSummary("One owner, ID number and phone masked").RequireScope(Scopes.GovernanceRead);
    }

    public static async Task<Results<Created<OwnerResponse>, ProblemHttpResult>> Register(
        RegisterOwnerRequest request, GovernanceDbContext db, OwnerIdentityHasher hasher, CancellationToken ct)
    {
        var kind = request.Kind!.Value;
        var identity = RegistryRules.NormalizeIdentity(kind, request.IdNumber!);
        var hash = hasher.Hash(identity);
        if (await db.Owners.AsNoTracking().FirstOrDefaultAsync(o => o.IdentityHash == hash, ct) is { } existing)
        {
            return Problems.Conflict("owner_already_registered", GovernanceText.Messages, existing.Id);
        }

        var owner = new Owner(Guid.CreateVersion7(), kind, request.Name!.Trim(), hash, RegistryRules.MaskIdentity(kind, identity),
            string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone);
        db.Owners.Add(owner);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/owners/{owner.Id}", OwnerResponse.From(owner));
    }

    public static async Task<Results<Ok<OwnerResponse>, ProblemHttpResult>> Get(Guid ownerId, GovernanceDbContext db, CancellationToken ct) =>
        await db.Owners.AsNoTracking().FirstOrDefaultAsync(o => o.Id == ownerId, ct) is { } owner
            ? TypedResults.Ok(OwnerResponse.From(owner))
            : Problems.NotFound("owner");
}
