using System.Diagnostics;
using Platform.Governance.Api.Registry;
using Platform.Governance.Tests;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

/// <summary>What the platform must never write to logs, spans or events: tokens, ID numbers, phone numbers.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SecretsInTelemetryTests(PlatformFixture platform)
{
    [Fact]
    public async Task No_token_ID_number_or_phone_appears_in_logs_spans_or_events()
    {
        var idNumber = TestIdentities.ResidentId(8_800_000 + RegistryClient.Next() % 100_000);
        var phone = "137" + (RegistryClient.Next() % 100_000_000).ToString("00000000");
        var owner = await platform.Registry.Created<OwnerResponse>("/api/governance/v1/owners", new { kind = "Person", name = "钱七", idNumber, phone });
        var community = await platform.Registry.Community();
        var building = await platform.Registry.Building(community.Id);
        var unit = await platform.Registry.Unit(community.Id, building.Id, owner.Id);
        await platform.UnitReachesEveryService(unit.Id, TimeSpan.FromSeconds(30));
        // Refused requests log too: a forged token and a bad body.
        using var forged = platform.Gateway.CreateHttpClient().WithToken(TestTokens.Tampered(TestTokens.Registrar));
        await forged.GetAsync("/api/governance/v1/townships");
        await platform.Client.PostAsync("/api/governance/v1/owners", new StringContent($$"""{"kind":"Person","name":"x","idNumber":"{{idNumber[..17]}}0","phone":"{{phone}}"}""", System.Text.Encoding.UTF8, "application/json"));

        var secrets = new[] { TestTokens.Registrar, TestTokens.Registrar.Split('.')[2], idNumber, idNumber[6..14] + idNumber[14..], phone };
        var logs = TestLogs.Provider.Lines;
        var spans = TestTelemetry.Spans.SelectMany(Texts).ToList();
        Assert.True(logs.Count > 50 && spans.Count > 50, $"too little captured to judge: {logs.Count} log lines, {spans.Count} span values");
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(spans, text => text.Contains(secret, StringComparison.Ordinal));
        }

        Assert.Equal(0, await Sql.CountAsync(platform.Governance.DatabaseConnectionString, "outbox_messages",
            $"payload::text LIKE '%{idNumber}%' OR payload::text LIKE '%{phone}%' OR payload::text LIKE '%钱七%'"));
    }

    private static IEnumerable<string> Texts(Activity span) =>
        span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}")
            .Concat(span.Events.SelectMany(e => e.Tags.Select(tag => $"{e.Name} {tag.Key}={tag.Value}")))
            .Append(span.DisplayName);
}
