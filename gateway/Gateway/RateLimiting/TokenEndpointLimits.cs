using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// The token endpoint's own limits, on the route whose metadata says "Limits": "token-endpoint", after the per-address
/// limit every anonymous route has: token requests per client_id (form field or HTTP Basic, RFC 6749 §2.3.1), and
/// failed client authentication (identity's 401 invalid_client) per client_id and per address — a client or address
/// over its failures is refused before identity checks another secret. Counted in Redis like every limit (ADR-005).
/// </summary>
public static class TokenEndpointLimits
{
    public const string MetadataKey = "Limits";
    public const string MetadataValue = "token-endpoint";

    /// <summary>Client ids identity accepts (3–64 of a-z, 0-9, '-'); anything else is not counted per client.</summary>
    private const int MaxClientIdLength = 64;

    public static IReverseProxyApplicationBuilder UseTokenEndpointLimits(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            if (context.GetReverseProxyFeature().Route.Config.Metadata?.GetValueOrDefault(MetadataKey) != MetadataValue)
            {
                await next();
                return;
            }

            var window = context.RequestServices.GetRequiredService<RedisSlidingWindow>();
            var options = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
            var clientId = await ClientIdAsync(context.Request);
            var failures = FailureBuckets(CallerPartition.AddressOf(context), clientId, options);
            foreach (var bucket in failures)
            {
                if (await window.PeekAsync(bucket) is { Allowed: false } refused)
                {
                    await CallerRateLimitPolicy.WriteProblemAsync(context, refused.RetryAfter);
                    return;
                }
            }

            if (clientId is not null)
            {
                var perClient = options.TokenClients.GetValueOrDefault(clientId, options.TokenPerClientPerMinute);
                if (await window.TryAcquireAsync(new CallerPartition($"token:client:{clientId}", perClient)) is { Allowed: false } refused)
                {
                    await CallerRateLimitPolicy.WriteProblemAsync(context, refused.RetryAfter);
                    return;
                }
            }

            await next();
            // RFC 6749 §5.2: a client that failed to authenticate is the only 401 the token endpoint answers.
            if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
            {
                await Task.WhenAll(failures.Select(window.CountAsync));
            }
        });
        return proxy;
    }

    private static List<CallerPartition> FailureBuckets(string address, string? clientId, RateLimitOptions options)
    {
        List<CallerPartition> buckets = [new($"auth-failures:ip:{address}", options.FailedAuthenticationsPerAddress)];
        if (clientId is not null)
        {
            buckets.Add(new($"auth-failures:client:{clientId}", options.FailedAuthenticationsPerClient));
        }

        return buckets;
    }

    /// <summary>
    /// The client_id the request names, from HTTP Basic or the form. The body is buffered and rewound, so the proxy
    /// still forwards it whole.
    /// </summary>
    private static async Task<string?> ClientIdAsync(HttpRequest request)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return Valid(BasicUser(header.Parameter));
        }

        if (!request.HasFormContentType)
        {
            return null;
        }

        request.EnableBuffering();
        try
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return Valid(form["client_id"].ToString());
        }
        catch (InvalidDataException)
        {
            // A malformed form: identity answers it; only the address is counted.
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    private static string? BasicUser(string? credentials)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credentials ?? ""));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : WebUtility.UrlDecode(decoded[..colon]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? Valid(string? clientId) =>
        clientId is { Length: > 0 and <= MaxClientIdLength } && clientId.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            ? clientId
            : null;
}
