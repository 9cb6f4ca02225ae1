using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.ElderCare.Api.Protection;
using Platform.ElderCare.Domain.Access;
using Platform.TestKit;

namespace Platform.ElderCare.Tests;

/// <summary>
/// Refused reads of health data are on record too (issue 18, item 7): who, whom, which endpoint, why refused and when,
/// in the same append-only log as the reads, listed for Civil Affairs, and chained per caller so that a changed row is found.
/// </summary>
public sealed class AccessLogTests(ElderCareHost eldercare) : IClassFixture<ElderCareHost>
{
    private static string CareRecord(Guid elder) => $"/api/eldercare/v1/elders/{elder}/care-record";

    private async Task<List<AccessLogEntryResponse>> Log(string query) =>
        (await eldercare.CivilAffairs.GetFromJsonAsync<Page<AccessLogEntryResponse>>(
            $"/api/eldercare/v1/access-log?{query}", ElderCareHost.Json))!.Items.ToList();

    [Fact]
    public async Task A_provider_probing_a_record_without_an_active_order_is_refused_and_civil_affairs_sees_who_whom_where_why_and_when()
    {
        var (community, _) = await eldercare.Community();
        var organisation = Guid.NewGuid();
        await eldercare.Provider(organisation, [community]);
        var elder = await eldercare.Elder(community);
        var clientId = $"probe-{Guid.NewGuid():N}"[..20];
        using var provider = eldercare.As(TestTokens.Issue(new TokenRequest(OrganisationTypes.CareProvider, organisation,
            [Scopes.ElderCareRead, Scopes.ElderCareHealth]) { ClientId = clientId }));
        var before = eldercare.Host.Clock.GetUtcNow();

        var probe = await provider.GetAsync(CareRecord(elder.Id));

        Assert.Equal(HttpStatusCode.NotFound, probe.StatusCode);
        var entry = Assert.Single(await Log($"outcome=refused&elderId={elder.Id}"));
        Assert.Equal((AccessOutcome.Refused, AccessRefusals.NoActiveOrder), (entry.Outcome, entry.RefusalReason));
        Assert.Equal("GetCareRecord", entry.Endpoint);
        Assert.Equal((clientId, clientId, OrganisationTypes.CareProvider, (Guid?)organisation),
            (entry.Actor, entry.ClientId, entry.OrganisationType, entry.OrganisationId));
        Assert.Equal(elder.Id, entry.ElderId);
        Assert.InRange(entry.AccessedAt, before.AddSeconds(-5), eldercare.Host.Clock.GetUtcNow().AddSeconds(5));
        Assert.Empty(entry.Fields);
        Assert.Null(entry.Purpose);
        Assert.Null(entry.Person);
        Assert.Empty(await Log($"outcome=granted&elderId={elder.Id}"));

        // Offered but not accepted: the profile shows, the record is refused, and that is on record too.
        var order = await eldercare.Order(elder.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await provider.GetAsync(CareRecord(elder.Id))).StatusCode);
        Assert.Equal([AccessRefusals.OrderNotAccepted, AccessRefusals.NoActiveOrder],
            (await Log($"outcome=refused&elderId={elder.Id}")).Select(e => e.RefusalReason));
        Assert.NotNull(order);
    }

    [Fact]
    public async Task Each_kind_of_refusal_is_logged_with_its_stable_reason_and_the_requested_id_even_when_no_one_has_it()
    {
        var (community, township) = await eldercare.Community();
        var elder = await eldercare.Elder(community, ElderCareHost.ElderBody(ElderCareHost.NextIdNumber(), guardian: Guid.NewGuid()));
        var nobody = Guid.NewGuid();
        using var worker = eldercare.As(TestTokens.For(OrganisationTypes.Township, township, Scopes.ElderCareRead, Scopes.ElderCareHealth));
        using var stranger = eldercare.As(TestTokens.ForOwner(Guid.NewGuid()));
        using var housing = eldercare.As(TestTokens.For(OrganisationTypes.Housing, null, Scopes.ElderCareRead, Scopes.ElderCareHealth));
        using var withoutHealth = eldercare.As(TestTokens.For(OrganisationTypes.CareProvider, Guid.NewGuid(), Scopes.ElderCareRead));

        Assert.Equal(HttpStatusCode.NotFound, (await eldercare.CivilAffairs.GetAsync(CareRecord(nobody))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync(CareRecord(elder.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(CareRecord(elder.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await housing.GetAsync(CareRecord(elder.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await withoutHealth.GetAsync(CareRecord(elder.Id))).StatusCode);

        Assert.Equal(AccessRefusals.NotFound, Assert.Single(await Log($"outcome=refused&elderId={nobody}")).RefusalReason);
        var reasons = (await Log($"outcome=refused&elderId={elder.Id}")).ToDictionary(e => e.OrganisationType!, e => e.RefusalReason);
        Assert.Equal(AccessRefusals.RoleRestricted, reasons[OrganisationTypes.Township]);
        Assert.Equal(AccessRefusals.NotGuardian, reasons[OrganisationTypes.Owner]);
        Assert.Equal(AccessRefusals.RoleRestricted, reasons[OrganisationTypes.Housing]);
        Assert.Equal(AccessRefusals.Scope, reasons[OrganisationTypes.CareProvider]);
    }

    [Fact]
    public async Task A_refused_entry_holds_no_health_field()
    {
        var (community, _) = await eldercare.Community();
        var notes = $"阿尔茨海默 {Guid.NewGuid():N}";
        var body = ElderCareHost.ElderBody(ElderCareHost.NextIdNumber(), healthNotes: notes, abilityLevel: "SeverelyImpaired");
        var elder = await eldercare.Elder(community, body);
        using var provider = eldercare.AsProvider(Guid.NewGuid());

        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync(CareRecord(elder.Id))).StatusCode);

        var row = (string)(await Sql.ScalarAsync(eldercare.Db,
            $"SELECT row_to_json(l)::text FROM sensitive_access_log l WHERE elder_id = '{elder.Id}'"))!;
        var listed = await eldercare.CivilAffairs.GetStringAsync($"/api/eldercare/v1/access-log?outcome=refused&elderId={elder.Id}");
        foreach (var text in new[] { row, listed })
        {
            Assert.DoesNotContain(notes, text);
            Assert.DoesNotContain("SeverelyImpaired", text);
            Assert.DoesNotContain("张桂英", text);
            Assert.DoesNotContain(elder.MaskedIdNumber[..6], text);
            Assert.DoesNotContain("13900001111", text);
        }

        Assert.Contains("\"fields\":[]", listed);
    }

    [Fact]
    public async Task A_probe_with_a_token_naming_a_person_records_the_person_as_well_as_the_client()
    {
        var (community, _) = await eldercare.Community();
        var elder = await eldercare.Elder(community);
        var staff = $"staff-{Guid.NewGuid():N}";
        var request = new TokenRequest(OrganisationTypes.PropertyCompany, Guid.NewGuid(), [Scopes.ElderCareRead, Scopes.ElderCareHealth])
        {
            Subject = staff,
        };
        using var console = eldercare.As(TestTokens.Issue(request));
        var guardian = Guid.NewGuid();
        using var owner = eldercare.As(TestTokens.ForOwner(guardian));

        Assert.Equal(HttpStatusCode.NotFound, (await console.GetAsync(CareRecord(elder.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(CareRecord(elder.Id))).StatusCode);

        var entries = await Log($"outcome=refused&elderId={elder.Id}");
        var byStaff = Assert.Single(entries, e => e.OrganisationType == OrganisationTypes.PropertyCompany);
        Assert.Equal((request.ClientId, request.ClientId, staff), (byStaff.Actor, byStaff.ClientId, byStaff.Person));
        Assert.Equal(AccessRefusals.NoActiveOrder, byStaff.RefusalReason);
        var byOwner = Assert.Single(entries, e => e.OrganisationType == OrganisationTypes.Owner);
        Assert.Equal(($"owner:{guardian}", guardian.ToString()), (byOwner.Actor, byOwner.Person));
        Assert.NotNull(byOwner.ClientId);
    }

    [Fact]
    public async Task Granted_and_refused_entries_chain_and_a_row_changed_in_SQL_is_found_by_the_verifier_and_the_verify_ledgers_command()
    {
        var (community, _) = await eldercare.Community();
        var elder = await eldercare.Elder(community);
        using var provider = eldercare.AsProvider(Guid.NewGuid());
        Assert.Equal(HttpStatusCode.OK, (await eldercare.CivilAffairs.GetAsync(CareRecord(elder.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync(CareRecord(elder.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await eldercare.CivilAffairs.GetAsync(CareRecord(elder.Id) + "?purpose=Assessment")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync(CareRecord(elder.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync(CareRecord(Guid.NewGuid()))).StatusCode);
        var before = await Verify();
        Assert.True(before.Holds, string.Join("\n", before.Violations));
        var victim = (await Log($"outcome=refused&elderId={elder.Id}")).Last();
        var original = await HashOf(victim.Id);

        // What a superuser could do: the trigger off, the probe's reason changed, its hash recomputed without the key.
        await Tamper($"""
            ALTER TABLE sensitive_access_log DISABLE TRIGGER sensitive_access_log_append_only;
            UPDATE sensitive_access_log SET refusal_reason = 'not_found',
                hash = upper(encode(sha256(convert_to(previous_hash || '|forged', 'UTF8')), 'hex')) WHERE id = '{victim.Id}';
            ALTER TABLE sensitive_access_log ENABLE TRIGGER sensitive_access_log_append_only;
            """);
        var found = await Verify();
        var command = await eldercare.Host.RunCommandAsync("verify-ledgers", TimeSpan.FromSeconds(60));
        await Tamper($"""
            ALTER TABLE sensitive_access_log DISABLE TRIGGER sensitive_access_log_append_only;
            UPDATE sensitive_access_log SET refusal_reason = 'no_active_order', hash = '{original}' WHERE id = '{victim.Id}';
            ALTER TABLE sensitive_access_log ENABLE TRIGGER sensitive_access_log_append_only;
            """);

        Assert.False(found.Holds);
        Assert.Contains(found.Violations, v => v.Contains($"access log entry {victim.Id}", StringComparison.Ordinal));
        Assert.True(command.ExitCode == 1, command.Output);
        Assert.Contains($"access log entry {victim.Id}", command.Output);
        var restored = await Verify();
        Assert.True(restored.Holds, string.Join("\n", restored.Violations));

        Task Tamper(string sql) => Sql.ExecuteAsync(eldercare.Host.OwnerConnectionString, sql);
    }

    [Fact]
    public async Task Concurrent_probes_by_one_caller_extend_its_chain_without_a_fork()
    {
        var (community, _) = await eldercare.Community();
        var elder = await eldercare.Elder(community);
        var clientId = $"swarm-{Guid.NewGuid():N}"[..20];
        using var provider = eldercare.As(TestTokens.Issue(new TokenRequest(OrganisationTypes.CareProvider, Guid.NewGuid(),
            [Scopes.ElderCareRead, Scopes.ElderCareHealth]) { ClientId = clientId }));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => provider.GetAsync(CareRecord(elder.Id))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
        Assert.Equal(20, await Sql.CountAsync(eldercare.Db, "sensitive_access_log", $"actor = '{clientId}' AND position BETWEEN 1 AND 20"));
        Assert.Equal(20L, await Sql.ScalarAsync(eldercare.Db,
            $"SELECT count(DISTINCT previous_hash) FROM sensitive_access_log WHERE actor = '{clientId}'"));
        var verification = await Verify();
        Assert.True(verification.Holds, string.Join("\n", verification.Violations));
    }

    [Fact]
    public async Task Only_civil_affairs_lists_and_verifies_the_access_log()
    {
        var company = Guid.NewGuid();
        var (community, _) = await eldercare.Community(company);
        await eldercare.Provider(company, [community], organisationType: OrganisationTypes.PropertyCompany);
        using var asCompany = eldercare.AsProvider(company, OrganisationTypes.PropertyCompany);
        using var asProvider = eldercare.AsProvider(Guid.NewGuid());

        foreach (var client in new[] { asCompany, asProvider })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/eldercare/v1/access-log?outcome=refused")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/eldercare/v1/access-log/verification")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await eldercare.CivilAffairs.GetAsync("/api/eldercare/v1/access-log?outcome=refused")).StatusCode);
    }

    private async Task<AccessLogVerificationResponse> Verify() =>
        (await eldercare.CivilAffairs.GetFromJsonAsync<AccessLogVerificationResponse>(
            "/api/eldercare/v1/access-log/verification", ElderCareHost.Json))!;

    private async Task<string> HashOf(Guid id) =>
        (string)(await Sql.ScalarAsync(eldercare.Db, $"SELECT hash FROM sensitive_access_log WHERE id = '{id}'"))!;
}
