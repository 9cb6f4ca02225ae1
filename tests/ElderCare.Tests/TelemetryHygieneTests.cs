using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Platform.ElderCare.Api.Orders;
using Platform.ElderCare.Domain.Care;
using Platform.TestKit;

namespace Platform.ElderCare.Tests;

/// <summary>Events and logs carry pseudonymous ids only (PIPL art. 28, 51): no health field, ID number or phone in logs, spans or events.</summary>
public sealed class TelemetryHygieneTests(ElderCareHost eldercare) : IClassFixture<ElderCareHost>
{
    [Fact]
    public async Task Captured_logs_traces_and_published_events_contain_no_health_field_or_id_number()
    {
        var (community, _) = await eldercare.Community();
        var providerOrganisation = Guid.NewGuid();
        await eldercare.Provider(providerOrganisation, [community]);
        var idNumber = ElderCareHost.NextIdNumber();
        var marker = Guid.NewGuid().ToString("N")[..12];
        var notes = $"阿尔茨海默症早期 {marker}";
        var needs = $"需要陪同就医 {marker}";
        var phone = "136" + Random.Shared.Next(10_000_000, 99_999_999);
        var elder = await eldercare.Elder(community, ElderCareHost.ElderBody(idNumber, healthNotes: notes, careNeeds: needs, phone: phone));
        // A refused registration with the same fields logs and traces too.
        await eldercare.CivilAffairs.PostAsJsonAsync($"/api/eldercare/v1/communities/{community}/elders",
            ElderCareHost.ElderBody(idNumber[..17] + (idNumber[17] == '0' ? "1" : "0"), healthNotes: notes, careNeeds: needs, phone: phone));

        var order = await eldercare.Order(elder.Id);
        using var provider = eldercare.AsProvider(providerOrganisation);
        await eldercare.Accept(order.Id, provider);
        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync($"/api/eldercare/v1/elders/{elder.Id}/care-record")).StatusCode);
        foreach (var step in new[] { "visit-start", "visit-end" })
        {
            Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync($"/api/eldercare/v1/orders/{order.Id}/{step}", null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await eldercare.CivilAffairs.PostAsJsonAsync($"/api/eldercare/v1/orders/{order.Id}/rating", new { stars = 5 })).StatusCode);
        var unmatched = await eldercare.Order(elder.Id, service: "Bathing");
        Assert.Equal(CareOrderStatus.Unmatched, unmatched.Status);
        await Eventually.Until(async () => await Sql.CountAsync(eldercare.Db, "outbox_messages", "published_at IS NULL") == 0, TimeSpan.FromSeconds(30),
            "every event published");

        var secrets = new[] { idNumber, idNumber[6..14], notes, needs, marker, phone, "张桂英" };
        var logs = TestLogs.Provider.Lines;
        var spans = TestTelemetry.Spans.SelectMany(Texts).ToList();
        Assert.True(logs.Count > 5 && spans.Count > 50, $"too little captured to judge: {logs.Count} log lines, {spans.Count} span values");
        Assert.Contains(logs, line => line.Contains(order.Id.ToString(), StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(spans, text => text.Contains(secret, StringComparison.Ordinal));
        }

        foreach (var type in new[] { "CareOrderPlaced", "CareOrderMatched", "CareVisitCompleted", "CareOrderEscalated" })
        {
            Assert.True(await Sql.CountAsync(eldercare.Db, "outbox_messages", $"type LIKE '%{type}%' AND payload::text LIKE '%{community}%'") >= 1, type);
        }

        Assert.Equal(0, await Sql.CountAsync(eldercare.Db, "outbox_messages",
            $"payload::text LIKE '%{idNumber}%' OR payload::text LIKE '%{marker}%' OR payload::text LIKE '%{phone}%' OR payload::text LIKE '%张桂英%' " +
            "OR payload::text ILIKE '%impaired%' OR payload::text ILIKE '%abilityLevel%'"));
    }

    private static IEnumerable<string> Texts(Activity span) =>
        span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}")
            .Concat(span.Events.SelectMany(e => e.Tags.Select(tag => $"{e.Name} {tag.Key}={tag.Value}")))
            .Append(span.DisplayName);
}
