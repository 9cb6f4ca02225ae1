using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.BuildingBlocks.Auditing;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Api.Infrastructure;
using Platform.TestKit;

namespace Platform.Governance.Tests;

public sealed class AuditTrailTests(GovernanceHost governance) : IClassFixture<GovernanceHost>
{
    private readonly RegistryClient _registry = new(governance.Client);

    [Fact]
    public async Task Every_write_is_audited_with_who_what_which_object_and_trace_and_the_chain_verifies()
    {
        var township = await _registry.Township();
        var township2 = TestTokens.For(OrganisationTypes.Township, township.Id, Scopes.GovernanceRead, Scopes.GovernanceWrite);
        using var asTownship = governance.Host.CreateHttpClient().WithToken(township2);
        var community = await new RegistryClient(asTownship).Created<Api.Registry.CommunityResponse>("/api/governance/v1/communities",
            new { townshipId = township.Id, name = $"Audited {RegistryClient.Next()}", address = "2 Hill Road", starLevel = 4, isOldCommunity = true });

        var entries = await Entries();
        var registered = Assert.Single(entries, e => e.Target.EndsWith($"/communities/{community.Id}", StringComparison.Ordinal));
        Assert.Equal("RegisterCommunity", registered.Action);
        Assert.Equal(OrganisationTypes.Township, registered.OrganisationType);
        Assert.Equal(township.Id, registered.OrganisationId);
        Assert.StartsWith("test-", registered.Actor);
        Assert.Equal(201, registered.StatusCode);
        Assert.Matches("^[0-9a-f]{32}$", registered.TraceId!);
        Assert.Contains(entries, e => e.Action == "RegisterTownship" && e.Target.EndsWith($"/townships/{township.Id}", StringComparison.Ordinal));
        Assert.Null(await FirstBroken());
    }

    [Fact]
    public async Task A_refused_write_leaves_no_audit_entry()
    {
        var before = (await Entries()).Count;

        var refused = await governance.Client.PostAsync("/api/governance/v1/townships",
            new StringContent("""{"name":""}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before, (await Entries()).Count);
    }

    [Fact]
    public async Task The_audit_trail_refuses_update_and_delete_to_the_service_role_and_by_trigger_to_the_owner()
    {
        await _registry.Township();
        var victim = (await Entries()).First();

        var update = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(governance.Host.DatabaseConnectionString,
            $"UPDATE audit_entries SET actor = 'someone-else' WHERE id = '{victim.Id}'"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(governance.Host.DatabaseConnectionString,
            $"DELETE FROM audit_entries WHERE id = '{victim.Id}'"));
        var disable = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(governance.Host.DatabaseConnectionString,
            "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only"));
        var byOwner = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(governance.Host.OwnerConnectionString,
            $"DELETE FROM audit_entries WHERE id = '{victim.Id}'"));

        Assert.All([update.SqlState, delete.SqlState, disable.SqlState],
            state => Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, state));
        Assert.Contains("append-only", byOwner.MessageText);
        Assert.Equal(victim.Actor, (await Entries()).Single(e => e.Id == victim.Id).Actor);
    }

    [Fact]
    public async Task Editing_an_audit_entry_breaks_the_chain()
    {
        await _registry.Township();
        await _registry.Township();
        var victim = (await Entries()).First();

        await using (var connection = new NpgsqlConnection(governance.Host.OwnerConnectionString))
        {
            await connection.OpenAsync();
            // What the tables' owner could do: the trigger off, the row changed.
            await using var edit = new NpgsqlCommand($"""
                ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only;
                UPDATE audit_entries SET actor = 'someone-else' WHERE id = '{victim.Id}';
                ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only;
                """, connection);
            await edit.ExecuteNonQueryAsync();
        }

        Assert.Equal(victim.Id, (await FirstBroken())?.Id);
        await using (var connection = new NpgsqlConnection(governance.Host.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await using var restore = new NpgsqlCommand($"""
                ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only;
                UPDATE audit_entries SET actor = '{victim.Actor}' WHERE id = '{victim.Id}';
                ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only;
                """, connection);
            await restore.ExecuteNonQueryAsync();
        }

        Assert.Null(await FirstBroken());
    }

    [Fact]
    public async Task An_entry_rewritten_by_the_tables_owner_and_re_chained_with_plain_SHA256_fails_verify_audit()
    {
        var actor = new TokenRequest(OrganisationTypes.Housing, null, [Scopes.GovernanceRead, Scopes.GovernanceWrite]);
        using var client = governance.Host.CreateHttpClient().WithToken(TestTokens.Issue(actor));
        var registry = new RegistryClient(client);
        for (var i = 0; i < 3; i++)
        {
            await registry.Township();
        }

        var chain = (await Entries()).Where(e => e.Actor == actor.ClientId).ToList();
        Assert.Equal(3, chain.Count);
        Assert.All(chain, e => Assert.Equal(ServiceHost<Api.Program>.TestChainKeyId, e.ChainKeyId));
        var (victim, next) = (chain[1], chain[2]);

        // What the owner of the tables could do without the key: the trigger off, the entry's target changed, it and the entry after it
        // re-linked with the plain SHA-256 links had before keys, marked as such.
        var forgedFields = victim.LinkedFields();
        forgedFields[5] = "/api/governance/v1/townships/forged";
        var victimHash = PlainLink(victim.PreviousHash, forgedFields);
        var nextHash = PlainLink(victimHash, next.LinkedFields());
        await Rewrite($"""
            UPDATE audit_entries SET target = '/api/governance/v1/townships/forged', hash = '{victimHash}', chain_key_id = NULL
            WHERE id = '{victim.Id}';
            UPDATE audit_entries SET previous_hash = '{victimHash}', hash = '{nextHash}', chain_key_id = NULL WHERE id = '{next.Id}';
            """);
        var command = await governance.Host.RunCommandAsync("verify-audit", TimeSpan.FromSeconds(60));
        await Rewrite($"""
            UPDATE audit_entries SET target = '{victim.Target}', hash = '{victim.Hash}', chain_key_id = '{victim.ChainKeyId}'
            WHERE id = '{victim.Id}';
            UPDATE audit_entries SET previous_hash = '{next.PreviousHash}', hash = '{next.Hash}', chain_key_id = '{next.ChainKeyId}'
            WHERE id = '{next.Id}';
            """);

        Assert.True(command.ExitCode == 1, command.Output);
        Assert.Contains($"({victim.Id}): it carries an unkeyed link after the chain was keyed", command.Output);
        Assert.Null(await FirstBroken());

        static string PlainLink(string previous, object?[] fields) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join('|', fields.Prepend(previous)))));
    }

    private Task Rewrite(string statements) => Sql.ExecuteAsync(governance.Host.OwnerConnectionString, $"""
        ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only;
        {statements}
        ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only;
        """);

    private async Task<List<AuditEntry>> Entries()
    {
        await using var scope = governance.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        return db.AuditEntries.OrderBy(e => e.Sequence).ToList();
    }

    private async Task<AuditEntry?> FirstBroken()
    {
        await using var scope = governance.Host.Services.CreateAsyncScope();
        return await AuditTrail.FirstBrokenAsync(scope.ServiceProvider.GetRequiredService<GovernanceDbContext>(), CancellationToken.None);
    }
}
