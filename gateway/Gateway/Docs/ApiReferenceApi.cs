using Platform.Gateway.Backends;
using Platform.Gateway.RateLimiting;
using Scalar.AspNetCore;

namespace Platform.Gateway.Docs;

/// <summary>
/// <c>/docs</c>: one browsable reference over every service's OpenAPI document. The documents come through the
/// gateway at <c>/docs/&lt;service&gt;/openapi.json</c> (the "&lt;service&gt;-docs" routes in configuration), so the
/// page needs no access to the services themselves. Page and documents spend the caller's budget ("per-caller").
/// </summary>
public static class ApiReferenceApi
{
    public const string Prefix = "/docs";
    public const string ServiceDocumentPattern = "/docs/{documentName}/openapi.json";
    private const string GatewayDocumentName = "gateway";
    private const string GatewayDocument = "/openapi/v1.json";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapScalarApiReference(Prefix, (options, context) =>
        {
            options.WithTitle("Platform API").WithOpenApiRoutePattern(ServiceDocumentPattern);
            foreach (var service in context.RequestServices.GetRequiredService<BackendServices>().All())
            {
                options.AddDocument(service.Name);
            }

            options.AddDocument(GatewayDocumentName, routePattern: GatewayDocument);
        }).AllowAnonymous().RequireRateLimiting(CallerRateLimitPolicy.Name);
        return endpoints;
    }
}
