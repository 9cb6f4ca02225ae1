using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Platform.BuildingBlocks.Commands;

namespace Platform.BuildingBlocks.Idempotency;

/// <summary>
/// What an Idempotency-Key promises is the same request: its query string and the raw bytes of its body, whatever their content
/// type (JSON, a CSV import, a bank statement); the caller, method and path are the key's scope. The body is hashed as
/// <see cref="Validation.PlainTextRequestMiddleware"/> reads it, before the endpoint runs.
/// </summary>
public sealed class RequestFingerprint
{
    private RequestFingerprint(byte[] bodyHash) => BodyHash = bodyHash;

    private byte[] BodyHash { get; }

    /// <summary>An audited command sent with an Idempotency-Key: its body is hashed.</summary>
    public static bool IsWanted(HttpContext context) =>
        context.Request.Headers.ContainsKey(AuditedCommandFilter.IdempotencyHeader)
        && context.GetEndpoint()?.Metadata.GetMetadata<AuditedCommandMetadata>() is not null;

    public static void SetBodyHash(HttpContext context, byte[] bodyHash) => context.Features.Set(new RequestFingerprint(bodyHash));

    /// <summary>The request's fingerprint as stored with its key (hex SHA-256 of the query string and the body's hash).</summary>
    public static string Of(HttpContext context)
    {
        var body = context.Features.Get<RequestFingerprint>()?.BodyHash
                   ?? throw new InvalidOperationException("The body was not hashed: UseServiceDefaults maps the middleware that does.");
        var query = Encoding.UTF8.GetBytes(context.Request.QueryString.Value ?? "");
        return Convert.ToHexString(SHA256.HashData([.. query, (byte)'\n', .. body]));
    }
}
