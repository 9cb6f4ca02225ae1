using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auditing;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Commands;

/// <summary>
/// Every write runs here, in one transaction with its effect:
/// - the audit trail gets an entry (who, what, which object, when, which trace), hash-chained;
/// - with an Idempotency-Key, the response is stored too: a repeat with the same key and body gets the
///   stored response (Idempotent-Replayed: true) without running again, the same key with another body
///   (its raw bytes, whatever the content type: <see cref="RequestFingerprint"/>) or query is refused, and concurrent
///   requests with one key are serialised by an advisory lock on the key.
/// A refused command (4xx) is rolled back: it wrote nothing, and may be corrected and resent.
/// </summary>
public sealed class AuditedCommandFilter : IEndpointFilter
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var db = services.GetRequiredService<ServiceDbContext>();
        var access = services.GetRequiredService<CallerAccess>();
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var time = services.GetRequiredService<TimeProvider>();
        var cancellationToken = http.RequestAborted;

        var key = http.Request.Headers.TryGetValue(IdempotencyHeader, out var values) ? values.ToString() : "";
        if (key.Length > 100)
        {
            return Problems.Validation(IdempotencyHeader, "error.too_long", 100);
        }

        var scope = $"{access.Actor} {http.Request.Method} {http.Request.Path}";
        var hash = key.Length > 0 ? RequestFingerprint.Of(http) : "";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A failure rolls the whole command back, so EF's savepoint around each SaveChanges would only add two round
        // trips, paid inside whatever lock the command holds (a ballot: its idempotency key's and its proposal's ballot lock).
        db.Database.AutoSavepointsEnabled = false;
        if (key.Length > 0)
        {
            // Requests with the same key queue here; the later ones then find the first one's result. Whether there is one
            // is asked with the lock, in its round trip; a repeat is rare, so it is not looked for before the transaction.
            var seen = await db.Database.AcquireThenReadAsync<bool>(scope + "\n" + key,
                "SELECT EXISTS (SELECT 1 FROM idempotency_records WHERE scope = $1 AND key = $2)", [scope, key], cancellationToken);
            if (seen && await Find(db, scope, key, cancellationToken) is { } stored)
            {
                await transaction.RollbackAsync(cancellationToken);
                return Replay(stored, hash, http);
            }
        }

        var returned = await next(context);
        // Handlers return Results<...> unions; the outcome is the result inside.
        var result = returned is INestedHttpResult nested ? nested.Result : returned;
        if (result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success)
        {
            await transaction.RollbackAsync(cancellationToken);
            return returned;
        }

        var now = time.GetUtcNow();
        var location = result.GetType().GetProperty("Location")?.GetValue(result) as string;
        await AuditTrail.AppendAsync(db, access.Actor, previous => new AuditEntry
        {
            Id = Guid.CreateVersion7(now),
            Actor = access.Actor,
            OrganisationType = access.OrganisationType,
            OrganisationId = access.OrganisationId,
            Action = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? $"{http.Request.Method} {http.Request.Path}",
            Target = location ?? http.Request.Path.Value ?? "",
            StatusCode = success.StatusCode!.Value,
            OccurredAt = now,
            TraceId = Activity.Current?.TraceId.ToString(),
            PreviousHash = previous,
        }, cancellationToken);

        if (key.Length > 0)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Scope = scope,
                Key = key,
                RequestHash = hash,
                StatusCode = success.StatusCode!.Value,
                ResponseBody = result is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), json) : null,
                Location = location,
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return returned;
    }

    private static Task<IdempotencyRecord?> Find(ServiceDbContext db, string scope, string key, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(record => record.Scope == scope && record.Key == key, cancellationToken);

    private static IResult Replay(IdempotencyRecord stored, string hash, HttpContext http)
    {
        if (stored.RequestHash != hash)
        {
            return TypedResults.Problem(
                title: Text.Common["problem.idempotency_key_reused"],
                detail: Text.Common["problem.idempotency_key_reused.detail"],
                statusCode: StatusCodes.Status422UnprocessableEntity,
                type: ProblemTypes.IdempotencyKeyReused);
        }

        http.Response.Headers[ReplayedHeader] = "true";
        if (stored.Location is not null)
        {
            http.Response.Headers.Location = stored.Location;
        }

        return stored.ResponseBody is null
            ? TypedResults.StatusCode(stored.StatusCode)
            : TypedResults.Content(stored.ResponseBody, "application/json; charset=utf-8", Encoding.UTF8, stored.StatusCode);
    }

}

/// <summary>Marks an endpoint as an audited command, so its body is hashed for an Idempotency-Key before it runs.</summary>
public sealed class AuditedCommandMetadata;

public static class AuditedCommandExtensions
{
    /// <summary>A write: audited, transactional, and idempotent when the caller sends an Idempotency-Key.</summary>
    public static TBuilder AsAuditedCommand<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter<TBuilder, AuditedCommandFilter>();
        return builder.WithMetadata(new AuditedCommandMetadata());
    }
}
