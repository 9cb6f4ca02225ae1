using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Domain.Credit;

namespace Platform.Governance.Api.Credit;

/// <summary>业主信用档案 (seed item 12): the community keeps a credit file on its owners; the owner reads their own.</summary>
public static class OwnerCreditEndpoints
{
    public static void MapOwnerCreditEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/communities/{communityId:guid}/owner-credit-records", Record).WithTags("Credit").WithName("RecordOwnerCredit")
            .WithSummary("Add an entry to the credit file of one of the community's owners")
            .RequireScope(Scopes.GovernanceWrite).RequireRegistrar().AsAuditedCommand();
        api.MapGet("/owners/{ownerId:guid}/credit-records", List).WithTags("Credit").WithName("ListOwnerCredit")
            .WithSummary("An owner's credit file, as far as the caller may see it").RequireScope(Scopes.GovernanceRead);
    }

    public static async Task<Results<Created<OwnerCreditRecordResponse>, ValidationProblem, ProblemHttpResult>> Record(
        Guid communityId, RecordOwnerCreditRequest request, GovernanceDbContext db, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        if (!await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        var ownerId = request.OwnerId!.Value;
        // Past owners keep their file: arrears resolved after a sale still belong on it.
        if (!await db.Ownerships.AnyAsync(o => o.CommunityId == communityId && o.OwnerId == ownerId, ct))
        {
            return Problems.Validation("ownerId", "error.unknown_reference");
        }

        var now = calendar.Now;
        var today = calendar.Today;
        if (request.RecordedOn > today)
        {
            return Problems.Validation("recordedOn", "error.out_of_range", "—", today);
        }

        var record = new OwnerCreditRecord(Guid.CreateVersion7(now), communityId, ownerId, request.Kind!.Value, request.Category!.Value,
            request.Note!.Trim(), request.RecordedOn!.Value, access.OrganisationType ?? "", access.Actor, now);
        db.OwnerCreditRecords.Add(record);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{GovernanceApi.Prefix}/owners/{ownerId}/credit-records", OwnerCreditRecordResponse.From(record));
    }

    public static async Task<Results<Ok<List<OwnerCreditRecordResponse>>, ProblemHttpResult>> List(Guid ownerId, GovernanceDbContext db, CancellationToken ct)
    {
        if (!await db.Owners.AnyAsync(o => o.Id == ownerId, ct))
        {
            return Problems.NotFound("owner");
        }

        var records = await db.OwnerCreditRecords.AsNoTracking().Where(r => r.OwnerId == ownerId)
            .OrderByDescending(r => r.RecordedOn).ThenByDescending(r => r.RecordedAt).ToListAsync(ct);
        return TypedResults.Ok(records.Select(OwnerCreditRecordResponse.From).ToList());
    }
}
