using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Validation;

namespace Platform.BuildingBlocks.Checkpoints;

public sealed record CheckpointQuery(int? Offset, int? Limit) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (Offset is not null)
        {
            errors.InRange("offset", Offset, 0, int.MaxValue);
        }

        if (Limit is not null)
        {
            errors.InRange("limit", Limit, 1, 1000);
        }
    }
}

/// <summary>A checkpoint as published: its content exactly as signed, the signature, and the id of the key to check it with.</summary>
public sealed record CheckpointResponse(long Sequence, DateTimeOffset IssuedAt, string KeyId, string Content, string Signature);

/// <summary>
/// <c>GET /public/&lt;service&gt;/v1/checkpoints</c> (newest first) and <c>/checkpoints/keys</c>: anyone may keep copies, so a
/// history rewritten later no longer matches what they hold.
/// </summary>
public static class CheckpointEndpoints
{
    public static IEndpointRouteBuilder MapPublicCheckpoints(this IEndpointRouteBuilder endpoints, string service)
    {
        var group = endpoints.MapPublicApi(service);
        group.MapGet("/checkpoints", ListCheckpoints)
            .WithName("ListCheckpoints").WithSummary("The service's signed chain checkpoints, newest first");
        group.MapGet("/checkpoints/keys", (CheckpointSigner signer) => TypedResults.Ok(signer.PublicKeys()))
            .WithName("ListCheckpointKeys").WithSummary("The public keys checkpoints are signed with");
        return endpoints;
    }

    private static async Task<Ok<Page<CheckpointResponse>>> ListCheckpoints(
        [AsParameters] CheckpointQuery query, ServiceDbContext db, CancellationToken ct)
    {
        var (offset, limit) = (query.Offset ?? 0, query.Limit ?? 100);
        var total = await db.ChainCheckpoints.CountAsync(ct);
        var page = await db.ChainCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).Skip(offset).Take(limit)
            .Select(c => new CheckpointResponse(c.Sequence, c.IssuedAt, c.KeyId, c.Content, c.Signature)).ToListAsync(ct);
        return TypedResults.Ok(new Page<CheckpointResponse>(page, total, offset, limit));
    }
}
