using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Registry;

public static class TownshipEndpoints
{
    public static void MapTownshipEndpoints(this RouteGroupBuilder api)
    {
        var townships = api.MapGroup("/townships").WithTags("Townships");
        townships.MapPost("/", Register).WithName("RegisterTownship").WithSummary("Register a township (乡镇)")
            .RequireScope(Scopes.GovernanceWrite).RequireCountyWide().AsAuditedCommand();
        townships.MapGet("/", List).WithName("ListTownships").WithSummary("List townships")
            .RequireScope(Scopes.GovernanceRead);
    }

    public static async Task<Results<Created<TownshipResponse>, ProblemHttpResult>> Register(
        RegisterTownshipRequest request, GovernanceDbContext db, CancellationToken ct)
    {
        if (await db.Townships.AnyAsync(t => t.Code == request.Code, ct))
        {
            return Problems.Conflict("township_code_taken", GovernanceText.Messages, request.Code);
        }

        var township = new Township(Guid.CreateVersion7(), request.Name!.Trim(), request.Code!);
        db.Townships.Add(township);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/townships/{township.Id}", new TownshipResponse(township.Id, township.Name, township.Code));
    }

    public static async Task<Ok<List<TownshipResponse>>> List(GovernanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Townships.AsNoTracking().OrderBy(t => t.Code)
            .Select(t => new TownshipResponse(t.Id, t.Name, t.Code)).ToListAsync(ct));
}
