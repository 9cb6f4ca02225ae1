using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Platform.DemoSeed;

/// <summary>
/// Waits until the gateway's own /health/ready answers and /health/services (read with the administrator's token: it is
/// not anonymous) reports every required service healthy. No token yet means the identity service is not ready.
/// </summary>
public sealed class GatewayReadiness(HttpClient http, AccessTokenSource tokens, IReadOnlyList<string> requiredServices)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(15);

    private sealed record ServicesHealth(string Status, Dictionary<string, ServiceHealth>? Services);

    private sealed record ServiceHealth(string Status);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var nextReport = ReportEvery;
        Console.WriteLine($"[demo] waiting for {http.BaseAddress} and the services {string.Join(", ", requiredServices)} (up to {timeout.TotalSeconds:0} s)");
        while (true)
        {
            var waitingFor = await NotReadyAsync(ct);
            if (waitingFor is null)
            {
                Console.WriteLine($"[demo] gateway and services ready after {clock.Elapsed.TotalSeconds:0} s");
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new SeedException($"not ready after {timeout.TotalSeconds:0} s: still waiting for {waitingFor}");
            }

            if (clock.Elapsed > nextReport)
            {
                Console.WriteLine($"[demo] still waiting for {waitingFor} ({clock.Elapsed.TotalSeconds:0} s)");
                nextReport += ReportEvery;
            }

            await Task.Delay(Poll, ct);
        }
    }

    /// <summary>What is not ready yet, or null when everything is.</summary>
    private async Task<string?> NotReadyAsync(CancellationToken ct)
    {
        try
        {
            using var gateway = await http.GetAsync("health/ready", ct);
            if (!gateway.IsSuccessStatusCode)
            {
                return "the gateway";
            }

            // 503 is expected while any backend (also one the local app host does not run) is down: read the body either way.
            string token;
            try
            {
                token = await tokens.GetAsync(ct);
            }
            catch (SeedException exception)
            {
                return $"identity ({exception.Message})";
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, "health/services");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var services = await http.SendAsync(request, ct);
            if (services.StatusCode == HttpStatusCode.Unauthorized)
            {
                tokens.Invalidate();
                return "identity";
            }

            if (services.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            var health = await services.Content.ReadFromJsonAsync<ServicesHealth>(ct);
            var notReady = requiredServices
                .Where(name => health?.Services?.GetValueOrDefault(name)?.Status != "Healthy")
                .ToList();
            return notReady.Count == 0 ? null : string.Join(", ", notReady);
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException
                                              || (exception is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return "the gateway";
        }
    }
}
