using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.ElderCare.Api.Elders;
using Platform.ElderCare.Api.Orders;
using Platform.ElderCare.Api.Protection;
using Platform.ElderCare.Domain.Care;
using Platform.TestKit;

namespace Platform.ElderCare.Tests;

/// <summary>
/// Health data is sensitive personal information (PIPL art. 28): only Civil Affairs, the provider of an active order, the
/// guardian and the person read it; every read is logged; the database holds only ciphertext.
/// </summary>
public sealed class SensitiveDataTests(ElderCareHost eldercare) : IClassFixture<ElderCareHost>
{
    private static string CareRecord(Guid elder) => $"/api/eldercare/v1/elders/{elder}/care-record";

    [Fact]
    public async Task A_provider_sees_health_fields_only_for_residents_with_an_active_order_assigned_to_it()
    {
        var (community, _) = await eldercare.Community();
        var mine = Guid.NewGuid();
        var other = Guid.NewGuid();
        await eldercare.Provider(mine, [community], capacity: 100);
        await eldercare.Provider(other, [community], service: "Bathing");
        var served = await eldercare.Elder(community);
        var notServed = await eldercare.Elder(community);
        using var provider = eldercare.AsProvider(mine);
        using var otherProvider = eldercare.AsProvider(other);

        // Before any order: nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync(CareRecord(served.Id))).StatusCode);
        var order = await eldercare.Order(served.Id);
        Assert.Equal(CareOrderStatus.Offered, order.Status);
        // Offered: the provider sees who the person is to decide, not their health data.
        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync($"/api/eldercare/v1/elders/{served.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await provider.GetAsync(CareRecord(served.Id))).StatusCode);
        await eldercare.Accept(order.Id, provider);

        var record = await provider.GetFromJsonAsync<CareRecordResponse>(CareRecord(served.Id), ElderCareHost.Json);
        Assert.Equal("高血压，服用氨氯地平", record!.HealthNotes);
        Assert.Equal(AccessPurpose.CareVisit, record.LoggedAs);
        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync($"/api/eldercare/v1/elders/{served.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync(CareRecord(notServed.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"/api/eldercare/v1/elders/{notServed.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherProvider.GetAsync(CareRecord(served.Id))).StatusCode);
        var listed = (await provider.GetFromJsonAsync<Page<ElderResponse>>("/api/eldercare/v1/elders", ElderCareHost.Json))!.Items;
        Assert.Equal([served.Id], listed!.Select(e => e.Id));

        // Once the visit is over the order is no longer active: the record closes again, the order stays the provider's.
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync($"/api/eldercare/v1/orders/{order.Id}/visit-start", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync(CareRecord(served.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync($"/api/eldercare/v1/orders/{order.Id}/visit-end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync(CareRecord(served.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync($"/api/eldercare/v1/orders/{order.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_property_company_without_a_care_contract_sees_nothing_and_one_with_a_contract_sees_its_orders_people()
    {
        var company = Guid.NewGuid();
        var contracted = Guid.NewGuid();
        var (community, _) = await eldercare.Community(company);
        await eldercare.Provider(contracted, [community], organisationType: OrganisationTypes.PropertyCompany);
        var elder = await eldercare.Elder(community);
        var order = await eldercare.Order(elder.Id);
        using var serving = eldercare.AsProvider(company, OrganisationTypes.PropertyCompany);
        using var withContract = eldercare.AsProvider(contracted, OrganisationTypes.PropertyCompany);

        // The company serving the community, with every eldercare scope but no care contract.
        Assert.Equal(HttpStatusCode.NotFound, (await serving.GetAsync($"/api/eldercare/v1/elders/{elder.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await serving.GetAsync(CareRecord(elder.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await serving.GetAsync($"/api/eldercare/v1/orders/{order.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await serving.GetAsync($"/api/eldercare/v1/elders/{elder.Id}/orders")).StatusCode);
        Assert.Contains("\"items\":[]", await serving.GetStringAsync("/api/eldercare/v1/elders"));
        Assert.Contains("\"items\":[]", await serving.GetStringAsync("/api/eldercare/v1/orders"));
        Assert.Contains("\"items\":[]", await serving.GetStringAsync("/api/eldercare/v1/providers"));
        Assert.Equal(HttpStatusCode.Forbidden, (await serving.GetAsync("/api/eldercare/v1/access-log")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await serving.GetAsync("/api/eldercare/v1/dashboards/ability-levels")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await serving.PostAsync($"/api/eldercare/v1/orders/{order.Id}/acceptance", null)).StatusCode);
        // Another county department is not Civil Affairs either.
        using var housing = eldercare.As(TestTokens.For(OrganisationTypes.Housing, null, Scopes.ElderCareRead, Scopes.ElderCareHealth));
        Assert.Equal(HttpStatusCode.NotFound, (await housing.GetAsync(CareRecord(elder.Id))).StatusCode);

        // The company that holds a care contract ("property + care") and the order sees that person's record.
        Assert.Equal(order.ProviderId, (await withContract.GetFromJsonAsync<CareOrderResponse>($"/api/eldercare/v1/orders/{order.Id}", ElderCareHost.Json))!.ProviderId);
        await eldercare.Accept(order.Id, withContract);
        Assert.Equal(HttpStatusCode.OK, (await withContract.GetAsync(CareRecord(elder.Id))).StatusCode);
    }

    [Fact]
    public async Task A_guardian_released_by_civil_affairs_loses_access_at_once_and_the_new_one_gains_it()
    {
        var (community, _) = await eldercare.Community();
        var (former, next) = (Guid.NewGuid(), Guid.NewGuid());
        var elder = await eldercare.Elder(community, ElderCareHost.ElderBody(ElderCareHost.NextIdNumber(), guardian: former));
        using var asFormer = eldercare.As(TestTokens.ForOwner(former));
        using var asNext = eldercare.As(TestTokens.ForOwner(next));
        Assert.Equal(HttpStatusCode.OK, (await asFormer.GetAsync(CareRecord(elder.Id))).StatusCode);

        var byGuardian = await asFormer.PutAsJsonAsync($"/api/eldercare/v1/elders/{elder.Id}/guardian", new { guardianOwnerId = next });
        var changed = await eldercare.CivilAffairs.PutAsJsonAsync($"/api/eldercare/v1/elders/{elder.Id}/guardian", new { guardianOwnerId = next });

        Assert.Equal(HttpStatusCode.Forbidden, byGuardian.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asFormer.GetAsync(CareRecord(elder.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asFormer.GetAsync($"/api/eldercare/v1/elders/{elder.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asNext.GetAsync(CareRecord(elder.Id))).StatusCode);

        // Released without a successor: nobody acts for the person by owner token any more.
        Assert.Equal(HttpStatusCode.OK, (await eldercare.CivilAffairs.PutAsJsonAsync($"/api/eldercare/v1/elders/{elder.Id}/guardian", new { guardianOwnerId = (Guid?)null })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asNext.GetAsync(CareRecord(elder.Id))).StatusCode);
        Assert.Equal(2, await Sql.CountAsync(eldercare.Db, "audit_entries", $"action = 'ChangeGuardian' AND target LIKE '%{elder.Id}%' AND status_code = 200"));
    }

    [Fact]
    public async Task The_guardian_and_the_person_read_their_own_record_a_community_worker_sees_the_profile_but_not_the_record()
    {
        var (community, township) = await eldercare.Community();
        var guardian = Guid.NewGuid();
        var elder = await eldercare.Elder(community, ElderCareHost.ElderBody(ElderCareHost.NextIdNumber(), guardian: guardian));
        using var asGuardian = eldercare.As(TestTokens.ForOwner(guardian));
        using var stranger = eldercare.As(TestTokens.ForOwner(Guid.NewGuid()));
        using var worker = eldercare.As(TestTokens.For(OrganisationTypes.Township, township, Scopes.ElderCareRead, Scopes.ElderCareWrite, Scopes.ElderCareHealth));

        var record = await asGuardian.GetFromJsonAsync<CareRecordResponse>(CareRecord(elder.Id), ElderCareHost.Json);
        Assert.Equal(AccessPurpose.PersonalReview, record!.LoggedAs);
        Assert.Equal("李明", record.EmergencyContacts.Single().Name);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(CareRecord(elder.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/api/eldercare/v1/elders/{elder.Id}")).StatusCode);
        var refused = await worker.GetAsync(CareRecord(elder.Id));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("https://platform.county.gov.cn/problems/care_record_restricted", (await ProblemResponse.ReadAsync(refused)).Type);
        // The guardian and the community worker order for the person; the guardian rates the visit.
        Assert.Equal(CareOrderStatus.Unmatched, (await eldercare.Order(elder.Id, by: asGuardian)).Status);
        Assert.Equal(CareOrderStatus.Unmatched, (await eldercare.Order(elder.Id, by: worker)).Status);
    }

    [Fact]
    public async Task Every_sensitive_read_is_in_the_access_log_with_who_whom_why_and_when()
    {
        var (community, _) = await eldercare.Community();
        var providerOrganisation = Guid.NewGuid();
        var provider = await eldercare.Provider(providerOrganisation, [community]);
        var guardian = Guid.NewGuid();
        var elder = await eldercare.Elder(community, ElderCareHost.ElderBody(ElderCareHost.NextIdNumber(), guardian: guardian));
        var order = await eldercare.Order(elder.Id);
        using var asProvider = eldercare.AsProvider(providerOrganisation);
        await eldercare.Accept(order.Id, asProvider);
        using var asGuardian = eldercare.As(TestTokens.ForOwner(guardian));
        var before = eldercare.Host.Clock.GetUtcNow();

        Assert.Equal(HttpStatusCode.OK, (await eldercare.CivilAffairs.GetAsync(CareRecord(elder.Id) + "?purpose=Assessment")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asProvider.GetAsync(CareRecord(elder.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asGuardian.GetAsync(CareRecord(elder.Id))).StatusCode);
        // A purpose the role may not claim is refused, and not logged as a read.
        Assert.Equal(HttpStatusCode.BadRequest, (await asProvider.GetAsync(CareRecord(elder.Id) + "?purpose=Supervision")).StatusCode);

        var log = (await eldercare.CivilAffairs.GetFromJsonAsync<Page<AccessLogEntryResponse>>(
            $"/api/eldercare/v1/access-log?elderId={elder.Id}&outcome=granted", ElderCareHost.Json))!.Items;
        Assert.Equal(3, log.Count);
        Assert.All(log, entry =>
        {
            Assert.Equal(elder.Id, entry.ElderId);
            Assert.Contains("healthNotes", entry.Fields);
            Assert.Contains("idNumber", entry.Fields);
            Assert.InRange(entry.AccessedAt, before.AddSeconds(-5), eldercare.Host.Clock.GetUtcNow().AddSeconds(5));
            Assert.NotNull(entry.TraceId);
        });
        var byProvider = Assert.Single(log, e => e.OrganisationType == OrganisationTypes.CareProvider);
        Assert.Equal(((AccessPurpose?)AccessPurpose.CareVisit, (Guid?)order.Id, (Guid?)providerOrganisation),
            (byProvider.Purpose, byProvider.OrderId, byProvider.OrganisationId));
        Assert.Equal(provider.Id, order.ProviderId);
        Assert.Equal(AccessPurpose.Assessment, Assert.Single(log, e => e.OrganisationType == OrganisationTypes.CivilAffairs).Purpose);
        Assert.Equal($"owner:{guardian}", Assert.Single(log, e => e.OrganisationType == OrganisationTypes.Owner).Actor);
        Assert.Equal(3, await Sql.CountAsync(eldercare.Db, "sensitive_access_log", $"elder_id = '{elder.Id}'"));
        // Once written, a read stays on record: the service's role may not change or delete the log; the trigger refuses the owner.
        foreach (var statement in new[] { $"UPDATE sensitive_access_log SET actor = 'nobody' WHERE elder_id = '{elder.Id}'", $"DELETE FROM sensitive_access_log WHERE elder_id = '{elder.Id}'" })
        {
            var denied = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Sql.ExecuteAsync(eldercare.Db, statement));
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(
                () => Sql.ExecuteAsync(eldercare.Host.OwnerConnectionString, statement));
            Assert.Equal(Npgsql.PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
            Assert.Equal(Npgsql.PostgresErrorCodes.RestrictViolation, refused.SqlState);
        }

        Assert.Equal(3, await Sql.CountAsync(eldercare.Db, "sensitive_access_log", $"elder_id = '{elder.Id}' AND actor <> 'nobody'"));
        // Only Civil Affairs queries the log.
        Assert.Equal(HttpStatusCode.Forbidden, (await asProvider.GetAsync($"/api/eldercare/v1/access-log?elderId={elder.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_database_columns_hold_ciphertext_that_only_the_configured_key_opens()
    {
        var (community, _) = await eldercare.Community();
        var idNumber = ElderCareHost.NextIdNumber();
        var notes = $"糖尿病二型 {Guid.NewGuid():N}";
        var elder = await eldercare.Elder(community, ElderCareHost.ElderBody(idNumber, healthNotes: notes, careNeeds: "协助洗浴"));

        var stored = (string)(await Sql.ScalarAsync(eldercare.Db, $"SELECT health_notes_ciphertext FROM elder_profiles WHERE id = '{elder.Id}'"))!;
        var storedId = (string)(await Sql.ScalarAsync(eldercare.Db, $"SELECT id_number_ciphertext FROM elder_profiles WHERE id = '{elder.Id}'"))!;
        var wholeRow = (string)(await Sql.ScalarAsync(eldercare.Db, $"SELECT row_to_json(p)::text FROM elder_profiles p WHERE id = '{elder.Id}'"))!;

        Assert.StartsWith($"v1:{ServiceHost<Api.Program>.TestEncryptionKeyId}:", stored);
        Assert.DoesNotContain(notes, wholeRow);
        Assert.DoesNotContain(idNumber, wholeRow);
        Assert.DoesNotContain("协助洗浴", wholeRow);
        Assert.DoesNotContain("13900001111", wholeRow);
        Assert.Equal(idNumber[..6] + "********" + idNumber[^4..], elder.MaskedIdNumber);
        // It is AES-GCM under the configured key, bound to this person and field.
        Assert.Equal(notes, Decrypt(stored, elder.Id, "healthNotes"));
        Assert.Equal(idNumber, Decrypt(storedId, elder.Id, "idNumber"));
        Assert.ThrowsAny<CryptographicException>(() => Decrypt(stored, Guid.NewGuid(), "healthNotes"));
        // Two people with the same notes get different ciphertexts (fresh nonce per value).
        var twin = await eldercare.Elder(community, ElderCareHost.ElderBody(ElderCareHost.NextIdNumber(), healthNotes: notes));
        Assert.NotEqual(stored, (string)(await Sql.ScalarAsync(eldercare.Db, $"SELECT health_notes_ciphertext FROM elder_profiles WHERE id = '{twin.Id}'"))!);
    }

    [Fact]
    public async Task The_same_person_cannot_be_registered_twice()
    {
        var (community, _) = await eldercare.Community();
        var idNumber = ElderCareHost.NextIdNumber();
        await eldercare.Elder(community, ElderCareHost.ElderBody(idNumber));

        var again = await eldercare.CivilAffairs.PostAsJsonAsync($"/api/eldercare/v1/communities/{community}/elders", ElderCareHost.ElderBody(idNumber.ToLowerInvariant()));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("https://platform.county.gov.cn/problems/elder_registered", (await ProblemResponse.ReadAsync(again)).Type);
    }

    internal static string Decrypt(string stored, Guid recordId, string field, string? key = null)
    {
        var parts = stored.Split(':', 3);
        var sealedValue = Convert.FromBase64String(parts[2]);
        var length = sealedValue.Length - 12 - 16;
        var plain = new byte[length];
        using var aes = new AesGcm(Convert.FromBase64String(key ?? ServiceHost<Api.Program>.TestEncryptionKey), 16);
        aes.Decrypt(sealedValue.AsSpan(0, 12), sealedValue.AsSpan(12, length), sealedValue.AsSpan(12 + length), plain, Encoding.UTF8.GetBytes($"{recordId:N}|{field}"));
        return Encoding.UTF8.GetString(plain);
    }
}
