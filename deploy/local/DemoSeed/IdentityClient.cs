using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.DemoSeed;

/// <summary>A client the seed made sure of, with its secret as of this run, and whether this run registered it.</summary>
public sealed record EnsuredClient(PlatformClient Client, string Secret, bool Created);

/// <summary>
/// The identity service's admin API through the gateway, with the administrator's token (scope identity.admin).
/// Secrets are shown once, so a client that exists already (409) gets a new secret: re-running the seed neither
/// fails nor duplicates, and it always ends knowing every demo client's current secret.
/// </summary>
public sealed class IdentityClient(GatewayApi api)
{
    private const string Api = "api/identity/v1/clients";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<EnsuredClient> EnsureClientAsync(RegisterClient wanted, CancellationToken ct)
    {
        // No Idempotency-Key on purpose: a replay would answer 201 without the secret (it is never stored in clear).
        using (var response = await api.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Api) { Content = JsonContent.Create(wanted, options: Json) }, ct))
        {
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var created = await ReadAsync<ClientSecretAnswer>(response, ct);
                return new EnsuredClient(created.Client, created.ClientSecret, Created: true);
            }

            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                throw await FailureAsync(response, "POST", Api, ct);
            }
        }

        var existing = await GetAsync<PlatformClient>($"{Api}/{wanted.ClientId}", ct);
        if (existing.Status != "Active")
        {
            throw new SeedException($"client {wanted.ClientId} is {existing.Status} and stays so: start afresh with ./run.sh --reset --demo");
        }

        if (existing.OrganisationType != wanted.OrganisationType || existing.OrganisationId != wanted.OrganisationId)
        {
            throw new SeedException(
                $"client {wanted.ClientId} exists for {existing.OrganisationType} {existing.OrganisationId}, not {wanted.OrganisationType} " +
                $"{wanted.OrganisationId} (the registry was reset without the identity database?): start afresh with ./run.sh --reset --demo");
        }

        if (!existing.Scopes.Order(StringComparer.Ordinal).SequenceEqual(wanted.Scopes.Order(StringComparer.Ordinal)))
        {
            using var changed = await api.SendAsync(() => new HttpRequestMessage(HttpMethod.Put, $"{Api}/{wanted.ClientId}/scopes")
            {
                Content = JsonContent.Create(new ChangeClientScopes(wanted.Scopes), options: Json),
            }, ct);
            if (!changed.IsSuccessStatusCode)
            {
                throw await FailureAsync(changed, "PUT", $"{Api}/{wanted.ClientId}/scopes", ct);
            }
        }

        using var rotated = await api.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"{Api}/{wanted.ClientId}/secret"), ct);
        if (!rotated.IsSuccessStatusCode)
        {
            throw await FailureAsync(rotated, "POST", $"{Api}/{wanted.ClientId}/secret", ct);
        }

        var secret = await ReadAsync<ClientSecretAnswer>(rotated, ct);
        return new EnsuredClient(secret.Client, secret.ClientSecret, Created: false);
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken ct)
    {
        using var response = await api.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, "GET", path, ct);
        }

        return await ReadAsync<T>(response, ct);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct) =>
        await response.Content.ReadFromJsonAsync<T>(Json, ct)
        ?? throw new SeedException($"{response.RequestMessage?.RequestUri} answered an empty body");

    private static async Task<SeedException> FailureAsync(HttpResponseMessage response, string method, string path, CancellationToken ct)
    {
        Problem? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<Problem>(Json, ct);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
        }

        return new SeedException($"{method} /{path} answered {(int)response.StatusCode} {response.ReasonPhrase}: {problem}");
    }
}
