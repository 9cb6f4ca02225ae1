using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.BuildingBlocks.Hosting;

public static class HealthExtensions
{
    public const string Live = "live";
    public const string Ready = "ready";

    /// <summary>A check whose description is safe to publish (counts and ages, never data or exception text): readiness shows it.</summary>
    public const string Explained = "explained";

    /// <summary>Maps /health/live (the process answers) and /health/ready (its dependencies answer) in every environment.</summary>
    public static IEndpointRouteBuilder MapPlatformHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Live) })
            .DisableHttpMetrics()
            .AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = HealthReportWriter.WriteJson,
        }).DisableHttpMetrics().AllowAnonymous();
        return endpoints;
    }
}
