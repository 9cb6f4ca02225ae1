using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.DemoSeed;

/// <summary>A record the seed asked for, and whether this run created it (false: it was there already).</summary>
public sealed record Seeded<T>(T Value, bool Created);

/// <summary>
/// The governance registry through the gateway, with the administrator's token. Every create sends a stable
/// Idempotency-Key, so a second seed run gets the stored answer back; a 409 (the record exists but was made another
/// way, e.g. by hand) falls back to looking the record up by its natural key. Either way re-running the seed neither
/// fails nor duplicates.
/// </summary>
public sealed partial class RegistryClient(GatewayApi api)
{
    private const string Api = "api/governance/v1/";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<Seeded<Township>> RegisterTownshipAsync(RegisterTownship request, CancellationToken ct) =>
        CreateAsync("townships", $"demo-township-{request.Code}", request,
            async _ => (await GetAsync<List<Township>>("townships", ct)).FirstOrDefault(t => t.Code == request.Code), ct);

    public Task<Seeded<PropertyCompany>> RegisterPropertyCompanyAsync(RegisterPropertyCompany request, CancellationToken ct) =>
        CreateAsync("property-companies", $"demo-company-{request.UnifiedSocialCreditCode}", request,
            async _ => (await GetAsync<List<PropertyCompany>>("property-companies", ct))
                .FirstOrDefault(c => c.UnifiedSocialCreditCode == request.UnifiedSocialCreditCode), ct);

    public Task<Seeded<Community>> RegisterCommunityAsync(string key, RegisterCommunity request, CancellationToken ct) =>
        CreateAsync("communities", $"demo-community-{key}", request,
            async _ => (await GetAsync<List<Community>>($"communities?townshipId={request.TownshipId}", ct))
                .FirstOrDefault(c => c.Name == request.Name), ct);

    public Task<Seeded<Owner>> RegisterOwnerAsync(string key, RegisterOwner request, CancellationToken ct) =>
        CreateAsync("owners", $"demo-owner-{key}", request,
            async problem => RegisteredOwnerId(problem) is { } id ? await GetAsync<Owner>($"owners/{id}", ct) : null, ct);

    public Task<Seeded<Building>> RegisterBuildingAsync(string key, Guid communityId, RegisterBuilding request, CancellationToken ct) =>
        CreateAsync($"communities/{communityId}/buildings", $"demo-building-{key}", request,
            async _ => (await GetAsync<List<Building>>($"communities/{communityId}/buildings", ct))
                .FirstOrDefault(b => b.Number == request.Number), ct);

    public Task<Seeded<Unit>> RegisterUnitAsync(string key, Guid communityId, RegisterUnit request, CancellationToken ct) =>
        CreateAsync($"communities/{communityId}/units", $"demo-unit-{key}", request,
            async _ => (await GetAsync<UnitPage>($"communities/{communityId}/units?limit=500", ct)).Items
                .FirstOrDefault(u => u.BuildingId == request.BuildingId && u.Number == request.Number), ct);

    /// <summary>CSV register import; importing the same file again changes nothing, so it needs no key.</summary>
    public async Task<RegisterImportResult> ImportRegisterAsync(Guid communityId, string csv, CancellationToken ct)
    {
        var path = $"communities/{communityId}/imports";
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Api + path)
        {
            Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
        }, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, "POST", path, ct);
        }

        return await ReadAsync<RegisterImportResult>(response, ct);
    }

    public Task<List<Community>> ListCommunitiesAsync(CancellationToken ct) => GetAsync<List<Community>>("communities", ct);

    private async Task<Seeded<T>> CreateAsync<T>(
        string path, string idempotencyKey, object request, Func<Problem?, Task<T?>> findExisting, CancellationToken ct)
        where T : class
    {
        using var response = await SendAsync(() =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, Api + path) { Content = JsonContent.Create(request, request.GetType(), options: Json) };
            message.Headers.Add("Idempotency-Key", idempotencyKey);
            return message;
        }, ct);

        if (response.IsSuccessStatusCode)
        {
            var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");
            return new Seeded<T>(await ReadAsync<T>(response, ct), Created: !replayed);
        }

        // 409: the record exists without our key. 422: our key was used with other data (an older seed): keep what is there.
        if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
        {
            var problem = await ReadProblemAsync(response, ct);
            if (await findExisting(problem) is { } existing)
            {
                return new Seeded<T>(existing, Created: false);
            }

            // The key's stored request differs from ours (an older seed, or an older platform's fingerprint of it): ask once
            // more under a key of its own, which answers the record's own conflict (409 naming it) or creates it.
            if (response.StatusCode == HttpStatusCode.UnprocessableEntity && !idempotencyKey.EndsWith(ReseedSuffix, StringComparison.Ordinal))
            {
                return await CreateAsync(path, idempotencyKey + ReseedSuffix, request, findExisting, ct);
            }

            throw new SeedException($"POST /{Api}{path} answered {(int)response.StatusCode} {response.ReasonPhrase}: {problem}");
        }

        throw await FailureAsync(response, "POST", path, ct);
    }

    private const string ReseedSuffix = ":reseed";

    private async Task<T> GetAsync<T>(string path, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Api + path), ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, "GET", path, ct);
        }

        return await ReadAsync<T>(response, ct);
    }

    /// <summary>Retried by <see cref="GatewayApi"/> when the gateway could not pass it on yet: safe, every create carries its key.</summary>
    private Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct) => api.SendAsync(request, ct);

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct) =>
        await response.Content.ReadFromJsonAsync<T>(Json, ct)
        ?? throw new SeedException($"{response.RequestMessage?.RequestUri} answered an empty body");

    private static async Task<Problem?> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<Problem>(Json, ct);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private static async Task<SeedException> FailureAsync(HttpResponseMessage response, string method, string path, CancellationToken ct) =>
        new($"{method} /{Api}{path} answered {(int)response.StatusCode} {response.ReasonPhrase}: {await ReadProblemAsync(response, ct)}");

    /// <summary>The registry names the existing owner in the detail of its owner_already_registered problem.</summary>
    private static Guid? RegisteredOwnerId(Problem? problem) =>
        problem?.Detail is { } detail && GuidPattern().Match(detail) is { Success: true } match ? Guid.Parse(match.Value) : null;

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}
