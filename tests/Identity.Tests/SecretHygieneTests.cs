using System.Net.Http.Json;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Tests;
using Platform.Identity.Api.Clients;
using Platform.TestKit;

namespace Platform.Identity.Tests;

/// <summary>No secret, token or one-time code (nor an owner's phone) in the identity service's logs or traces, even at Trace level.</summary>
[Collection(IdentityCollection.Name)]
public sealed class SecretHygieneTests(IdentityPlatform platform)
{
    [Fact]
    public async Task Secrets_tokens_codes_and_phone_numbers_never_reach_the_logs_or_the_spans()
    {
        var secrets = new List<string> { IdentityPlatform.AdminSecret, platform.AdminToken };

        // A client's life: registered, a token, a rotated secret, a token, a refused old secret, revoked.
        var client = await platform.RegisterClient(OrganisationTypes.PropertyCompany, Guid.NewGuid());
        secrets.Add(client.ClientSecret);
        secrets.Add(await platform.Anonymous.ClientCredentials(client.ClientId, client.ClientSecret, Scopes.FeesRead).AccessToken());
        var rotation = await platform.Admin.PostAsync($"/api/identity/v1/clients/{client.ClientId}/secret", null);
        var rotated = (await rotation.Content.ReadFromJsonAsync<ClientSecretResponse>(RegistryClient.Json))!.ClientSecret;
        secrets.Add(rotated);
        secrets.Add(await platform.Anonymous.ClientCredentials(client.ClientId, rotated).AccessToken());
        await platform.Anonymous.ClientCredentials(client.ClientId, client.ClientSecret);
        await platform.Admin.PostAsync($"/api/identity/v1/clients/{client.ClientId}/revoke", null);
        await platform.Anonymous.ClientCredentials(client.ClientId, rotated);

        // An owner's sign-in: a code, a wrong code, the right code, a token.
        var (_, phone) = await platform.RegisterOwner();
        var code = await platform.SignInCode(phone);
        await platform.Anonymous.OwnerSignIn(phone, ((int.Parse(code) + 7) % 1_000_000).ToString("D6"));
        secrets.Add(await platform.Anonymous.OwnerSignIn(phone, code).AccessToken());
        secrets.AddRange(platform.Identity.Phones.AllCodes);
        // Not a secret, but personal data: it stays out too.
        secrets.Add(phone);

        var logs = platform.Identity.Logs.Entries;
        var spans = TestTelemetry.Spans
            .Select(span => string.Join(" ", span.DisplayName, string.Join(" ", span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}")),
                string.Join(" ", span.Events.SelectMany(e => e.Tags.Select(tag => $"{tag.Key}={tag.Value}")))))
            .ToList();

        Assert.True(logs.Count > 100, $"only {logs.Count} log entries were captured: is the capture at Trace level?");
        foreach (var secret in secrets.Distinct())
        {
            // Codes are six digits; they would match ids and timestamps by chance, so look for them as whole words.
            var pattern = secret.Length == 6
                ? new System.Text.RegularExpressions.Regex($@"(?<![0-9A-Za-z]){secret}(?![0-9A-Za-z])")
                : new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(secret));
            var leak = logs.Concat(spans).FirstOrDefault(pattern.IsMatch);
            Assert.True(leak is null, $"a secret, token, code or phone was written out: {leak?[..Math.Min(leak.Length, 4000)]}");
        }
    }
}
