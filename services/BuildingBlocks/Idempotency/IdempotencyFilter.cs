using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Validation;

namespace Platform.BuildingBlocks.Idempotency;

/// <summary>
/// Honours the Idempotency-Key header: the first request runs inside a transaction that also stores
/// its result; a repeat with the same key and body gets the stored result (and Idempotent-Replayed:
/// true) without running again; the same key with a different body is refused. Concurrent requests with
/// one key are serialised by a transaction-scoped advisory lock on the key. Only successful
/// results are stored: a refused request wrote nothing and may be corrected and resent.
/// </summary>
public sealed class IdempotencyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values) || values.ToString() is not { Length: > 0 } key)
        {
            return await next(context);
        }

        if (key.Length > 100)
        {
            return Problems.Validation(Header, "error.too_long", 100);
        }

        var services = http.RequestServices;
        var db = services.GetRequiredService<ServiceDbContext>();
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var time = services.GetRequiredService<TimeProvider>();
        var scope = $"{http.User.FindFirst("sub")?.Value ?? "anonymous"} {http.Request.Method} {http.Request.Path}";
        var hash = Hash(context.Arguments, json);

        if (await Find(db, scope, key, http.RequestAborted) is { } stored)
        {
            return Replay(stored, hash, http);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        // Requests with the same key queue here; the later ones then find the first one's result.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({scope + "\n" + key}, 0))", http.RequestAborted);
        if (await Find(db, scope, key, http.RequestAborted) is { } concurrent)
        {
            await transaction.RollbackAsync(http.RequestAborted);
            return Replay(concurrent, hash, http);
        }

        var returned = await next(context);
        // Handlers return Results<...> unions; the outcome is the result inside.
        var result = returned is INestedHttpResult nested ? nested.Result : returned;
        if (result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success)
        {
            await transaction.RollbackAsync(http.RequestAborted);
            return returned;
        }

        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            Scope = scope,
            Key = key,
            RequestHash = hash,
            StatusCode = success.StatusCode!.Value,
            ResponseBody = result is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), json) : null,
            Location = result.GetType().GetProperty("Location")?.GetValue(result) as string,
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(http.RequestAborted);
        await transaction.CommitAsync(http.RequestAborted);
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

    private static string Hash(IList<object?> arguments, JsonSerializerOptions json)
    {
        // The request is its body (an IValidatableRequest) and its route and query values; injected services are not.
        var request = arguments
            .Where(argument => argument is IValidatableRequest or string or Guid or decimal or Enum || argument?.GetType().IsPrimitive == true)
            .Select(argument => JsonSerializer.Serialize(argument, argument!.GetType(), json));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', request))));
    }
}

public static class IdempotencyExtensions
{
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter<TBuilder, IdempotencyFilter>();
        return builder;
    }
}
