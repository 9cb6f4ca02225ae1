using System.Reflection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Platform.Identity.Api.Clients;

/// <summary>
/// A response that carries a client secret. Deliberately not an <see cref="IValueHttpResult"/>: the
/// audited-command filter stores value results with an Idempotency-Key for replay, and a secret must
/// never be stored in clear. A replay therefore answers with the status (and Location) only.
/// Never cached by anyone on the way (Cache-Control: no-store).
/// </summary>
public abstract class SecretResult(int statusCode, ClientSecretResponse value, string? location) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    /// <summary>Read by the audited-command filter for the audit trail's target.</summary>
    public string? Location => location;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var json = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.Headers.CacheControl = "no-store";
        httpContext.Response.Headers.Pragma = "no-cache";
        if (location is not null)
        {
            httpContext.Response.Headers.Location = location;
        }

        await httpContext.Response.WriteAsJsonAsync(value, json, httpContext.RequestAborted);
    }

    protected static void Produces(EndpointBuilder builder, int statusCode) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(statusCode, typeof(ClientSecretResponse), ["application/json"]));
}

/// <summary>201: a client was registered; its secret is in the body, once.</summary>
public sealed class RegisteredClientResult(ClientSecretResponse value, string location)
    : SecretResult(StatusCodes.Status201Created, value, location), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status201Created);
}

/// <summary>200: the client's secret was replaced; the new one is in the body, once.</summary>
public sealed class RotatedSecretResult(ClientSecretResponse value)
    : SecretResult(StatusCodes.Status200OK, value, location: null), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status200OK);
}
