using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Platform.DemoSeed;

/// <summary>The token endpoint's answer (RFC 6749): a token, or an error.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);

/// <summary>
/// Client-credentials tokens from the gateway's /connect/token, kept until a minute before they expire (they live
/// 15 minutes). The seed is sequential: no locking.
/// </summary>
public sealed class AccessTokenSource(HttpClient http, string clientId, string clientSecret)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);
    private string? _token;
    private DateTimeOffset _renewAt;

    public string ClientId => clientId;

    public async Task<string> GetAsync(CancellationToken ct)
    {
        if (_token is null || DateTimeOffset.UtcNow >= _renewAt)
        {
            var (token, lifetime) = await RequestAsync(http, clientId, clientSecret, ct);
            _token = token;
            _renewAt = DateTimeOffset.UtcNow + (lifetime > RenewBefore * 2 ? lifetime - RenewBefore : lifetime / 2);
        }

        return _token;
    }

    /// <summary>Forget the token: the next request fetches a new one (after a 401).</summary>
    public void Invalidate() => _token = null;

    /// <summary>One token for <paramref name="id"/>; a refusal is a <see cref="SeedException"/> naming the OAuth error.</summary>
    public static async Task<(string Token, TimeSpan Lifetime)> RequestAsync(HttpClient http, string id, string secret, CancellationToken ct)
    {
        const int attempts = 4;
        for (var attempt = 1; ; attempt++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = id,
                ["client_secret"] = secret,
            });
            try
            {
                using var response = await http.PostAsync("connect/token", form, ct);
                if (attempt < attempts && response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
                        or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests)
                {
                    await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
                    continue;
                }

                var answer = response.Content.Headers.ContentType?.MediaType == "application/json"
                    ? await response.Content.ReadFromJsonAsync<TokenResponse>(ct)
                    : null;
                if (response.IsSuccessStatusCode && answer?.AccessToken is { Length: > 0 } token)
                {
                    return (token, TimeSpan.FromSeconds(answer.ExpiresIn ?? 300));
                }

                throw new SeedException(
                    $"POST /connect/token for {id} answered {(int)response.StatusCode} {answer?.Error} {answer?.ErrorDescription}".TrimEnd()
                    + (answer?.Error == "invalid_client"
                        ? $" (is the secret the one the identity service was started with? ./run.sh passes it as {SeedOptions.ClientSecretVariable})"
                        : ""));
            }
            catch (HttpRequestException) when (attempt < attempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
            }
        }
    }
}

/// <summary>
/// Requests to the platform's APIs through the gateway with the administrator's token: transient gateway answers
/// (502, 503, 504) are retried, and a 401 (token expired, or the identity service restarted with another key) fetches
/// a new token and tries once more. Each attempt is a new message, so bodies are never re-sent from a used one.
/// </summary>
public sealed class GatewayApi(HttpClient http, AccessTokenSource tokens)
{
    private const int Attempts = 4;

    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        var renewed = false;
        var attempt = 1;
        while (true)
        {
            using var message = request();
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(ct));
            try
            {
                var response = await http.SendAsync(message, ct);
                if (response.StatusCode == HttpStatusCode.Unauthorized && !renewed)
                {
                    response.Dispose();
                    tokens.Invalidate();
                    renewed = true;
                    continue;
                }

                if (attempt == Attempts || response.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout))
                {
                    return response;
                }

                response.Dispose();
            }
            catch (HttpRequestException) when (attempt < Attempts)
            {
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
            attempt++;
        }
    }
}
