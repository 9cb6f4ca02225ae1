using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Security;
using Platform.ElderCare.Api.Elders;
using Platform.ElderCare.Api.Protection;
using Platform.TestKit;

namespace Platform.ElderCare.Tests;

/// <summary>
/// A key rotation as an operator runs it: a second replica on the same database gets a new key and makes it current,
/// the old one still configured; old records stay readable, new writes use the new key, and the rotation endpoint
/// rewrites the rest so the old key can go.
/// </summary>
public sealed class KeyRotationTests(ElderCareHost eldercare) : IClassFixture<ElderCareHost>
{
    private const string NewKeyId = "rotated-2";
    private static readonly string NewKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private Task<string> Stored(string column, Guid elder) =>
        Sql.ScalarAsync(eldercare.Db, $"SELECT {column} FROM elder_profiles WHERE id = '{elder}'").ContinueWith(t => (string)t.Result!);

    [Fact]
    public async Task Key_rotation_keeps_old_records_readable_writes_with_the_new_key_and_rewrites_the_rest()
    {
        var (community, _) = await eldercare.Community();
        var old = await eldercare.Elder(community, ElderCareHost.ElderBody(ElderCareHost.NextIdNumber(), healthNotes: "旧密钥写入的记录"));
        Assert.StartsWith($"v1:{ServiceHost<Api.Program>.TestEncryptionKeyId}:", await Stored("health_notes_ciphertext", old.Id));

        await using var rotated = new ServiceHost<Api.Program>("eldercare", new Dictionary<string, string?>
        {
            ["ConnectionStrings:eldercare"] = eldercare.Db,
            [$"ElderCare:Encryption:Keys:{NewKeyId}"] = NewKey,
            ["ElderCare:Encryption:CurrentKeyId"] = NewKeyId,
        });
        await rotated.StartAsync();
        using var civilAffairs = rotated.CreateHttpClient()
            .WithToken(TestTokens.For(OrganisationTypes.CivilAffairs, null, Scopes.ElderCareRead, Scopes.ElderCareWrite, Scopes.ElderCareHealth));

        // The old record reads through the new replica.
        var record = await civilAffairs.GetFromJsonAsync<CareRecordResponse>($"/api/eldercare/v1/elders/{old.Id}/care-record", ElderCareHost.Json);
        Assert.Equal("旧密钥写入的记录", record!.HealthNotes);

        // A new record is written with the new key.
        var created = await civilAffairs.PostAsJsonAsync($"/api/eldercare/v1/communities/{community}/elders",
            ElderCareHost.ElderBody(ElderCareHost.NextIdNumber(), healthNotes: "新密钥写入的记录"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var fresh = (await created.Content.ReadFromJsonAsync<ElderResponse>(ElderCareHost.Json))!;
        var freshNotes = await Stored("health_notes_ciphertext", fresh.Id);
        Assert.StartsWith($"v1:{NewKeyId}:", freshNotes);
        Assert.Equal("新密钥写入的记录", SensitiveDataTests.Decrypt(freshNotes, fresh.Id, "healthNotes", NewKey));

        var usage = await civilAffairs.GetFromJsonAsync<List<KeyUsage>>("/api/eldercare/v1/encryption-keys", ElderCareHost.Json);
        Assert.Equal(4, usage!.Single(u => u.KeyId == ServiceHost<Api.Program>.TestEncryptionKeyId).Values);
        Assert.True(usage!.Single(u => u.KeyId == NewKeyId).Current);

        // The rotation rewrites what the old key still holds; then no value needs it.
        var rotation = await civilAffairs.PostAsJsonAsync("/api/eldercare/v1/encryption-keys/rotation", new { batch = 100 });
        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        Assert.Equal(new RotationResponse(NewKeyId, 1, 0), await rotation.Content.ReadFromJsonAsync<RotationResponse>(ElderCareHost.Json));
        foreach (var column in new[] { "health_notes_ciphertext", "care_needs_ciphertext", "id_number_ciphertext", "emergency_contacts_ciphertext" })
        {
            Assert.StartsWith($"v1:{NewKeyId}:", await Stored(column, old.Id));
        }

        usage = await civilAffairs.GetFromJsonAsync<List<KeyUsage>>("/api/eldercare/v1/encryption-keys", ElderCareHost.Json);
        Assert.DoesNotContain(usage!, u => u.KeyId == ServiceHost<Api.Program>.TestEncryptionKeyId);
        record = await civilAffairs.GetFromJsonAsync<CareRecordResponse>($"/api/eldercare/v1/elders/{old.Id}/care-record", ElderCareHost.Json);
        Assert.Equal(("旧密钥写入的记录", "每日送餐，低盐", "李明"), (record!.HealthNotes, record.CareNeeds, record.EmergencyContacts.Single().Name));
    }

    [Fact]
    public async Task A_host_whose_keys_are_incomplete_refuses_to_start_and_names_the_problem_but_not_the_key()
    {
        var shortKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await using var host = new ServiceHost<Api.Program>("eldercare", new Dictionary<string, string?>
        {
            [$"ElderCare:Encryption:Keys:{ServiceHost<Api.Program>.TestEncryptionKeyId}"] = shortKey,
        });

        var refused = await Assert.ThrowsAnyAsync<Exception>(host.StartAsync);

        var message = refused.ToString();
        Assert.Contains($"key '{ServiceHost<Api.Program>.TestEncryptionKeyId}' is not base64 of exactly 32 bytes", message);
        Assert.DoesNotContain(shortKey, message);
        Assert.DoesNotContain(TestLogs.Provider.Lines, line => line.Contains(shortKey, StringComparison.Ordinal));
    }
}
