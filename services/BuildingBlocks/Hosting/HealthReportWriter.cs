using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.BuildingBlocks.Hosting;

/// <summary>
/// Writes a health report as JSON: overall status, each check's status and, for a failing check tagged
/// <see cref="HealthExtensions.Explained"/>, its reason; never exception details.
/// </summary>
public static class HealthReportWriter
{
    public static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Status.ToString()),
            reasons = report.Entries
                .Where(entry => entry.Value.Status != HealthStatus.Healthy && entry.Value.Tags.Contains(HealthExtensions.Explained))
                .Where(entry => entry.Value.Description is not null)
                .ToDictionary(entry => entry.Key, entry => entry.Value.Description),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
