using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using Platform.BuildingBlocks.Security;
using Platform.Gateway.Backends;
using Platform.Gateway.RateLimiting;

namespace Platform.Gateway.Health;

public sealed class ServiceHealthOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed record ServicesHealthResponse(string Status, IReadOnlyDictionary<string, ServiceHealthEntry> Services);

public sealed record ServiceHealthEntry(string Status, long DurationMs);

/// <summary>
/// <c>/health/services</c>: each service's <c>/health/ready</c>, asked in parallel, for the platform's administrators
/// (scope identity.admin: the county's IT, the smoke tests and the demo seed use the administrator client). One request
/// fans out to every service, so it is neither anonymous nor unlimited.
/// </summary>
public static class ServiceHealthApi
{
    public const string Healthy = "Healthy";
    public const string Unhealthy = "Unhealthy";
    public const string Unreachable = "Unreachable";
    private const string ClientName = "service-health";

    public static void AddServiceHealth(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ServiceHealthOptions>(builder.Configuration.GetSection("ServiceHealth"));
        // The response names each failure; per-request client logs (with stack traces) would only be noise.
        builder.Services.AddHttpClient(ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
    }

    public static IEndpointRouteBuilder MapServiceHealth(this IEndpointRouteBuilder endpoints)
    {
        // The gateway's own /health/ready stays about the gateway only: Kubernetes must not pull every gateway replica because one service is down.
        endpoints.MapGet("/health/services", CheckAllAsync)
            .WithName("GetServicesHealth")
            .WithSummary("Readiness of every service behind the gateway")
            .WithTags("Health")
            .Produces<ServicesHealthResponse>(StatusCodes.Status200OK)
            .Produces<ServicesHealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .DisableHttpMetrics()
            .RequireScope(Scopes.IdentityAdmin)
            .RequireRateLimiting(CallerRateLimitPolicy.Name);
        return endpoints;
    }

    private static async Task<IResult> CheckAllAsync(
        BackendServices backends, IHttpClientFactory clients, IOptions<ServiceHealthOptions> options, HttpResponse response,
        CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "no-store";
        // Probes are not business traffic; like the services' own /health requests they stay out of traces.
        using var suppress = SuppressInstrumentationScope.Begin();
        var client = clients.CreateClient(ClientName);
        var services = backends.All();
        var entries = await Task.WhenAll(services.Select(service =>
            CheckAsync(client, service, options.Value.Timeout, cancellationToken)));

        var byService = services.Zip(entries).ToDictionary(pair => pair.First.Name, pair => pair.Second);
        var allHealthy = entries.All(entry => entry.Status == Healthy);
        return TypedResults.Json(
            new ServicesHealthResponse(allHealthy ? Healthy : Unhealthy, byService),
            statusCode: allHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<ServiceHealthEntry> CheckAsync(
        HttpClient client, BackendService service, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (service.Address is null)
        {
            return new ServiceHealthEntry(Unreachable, 0);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await client.GetAsync(new Uri(service.Address, "/health/ready"), deadline.Token);
            var status = await ReportedStatusAsync(response, deadline.Token);
            return new ServiceHealthEntry(status, clock.ElapsedMilliseconds);
        }
        catch (Exception exception) when (exception is HttpRequestException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new ServiceHealthEntry(Unreachable, clock.ElapsedMilliseconds);
        }
    }

    /// <summary>The service's own verdict ("Healthy", "Degraded", "Unhealthy") from its health report, else from the status code.</summary>
    private static async Task<string> ReportedStatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var report = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
                if (report.RootElement.ValueKind == JsonValueKind.Object
                    && report.RootElement.TryGetProperty("status", out var status)
                    && status.ValueKind == JsonValueKind.String
                    && status.GetString() is { Length: > 0 } reported)
                {
                    return reported;
                }
            }
            catch (JsonException)
            {
                // An unreadable report still answered; its status code decides.
            }
        }

        return response.IsSuccessStatusCode ? Healthy : Unhealthy;
    }
}
