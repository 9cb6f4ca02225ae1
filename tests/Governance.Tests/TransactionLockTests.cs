using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.BuildingBlocks.Data;
using Platform.Governance.Api.Infrastructure;

namespace Platform.Governance.Tests;

/// <summary>
/// The advisory locks of <see cref="TransactionLock"/> last to the end of the transaction. Outside one they would last to the
/// end of their own statement, locking nothing the caller does next: so each of them refuses to run without a transaction.
/// </summary>
public sealed class TransactionLockTests(GovernanceHost governance) : IClassFixture<GovernanceHost>
{
    public static TheoryData<string> Locks => ["exclusive", "shared", "exclusive then read", "shared then read"];

    [Theory]
    [MemberData(nameof(Locks))]
    public async Task A_lock_taken_without_a_transaction_throws_and_takes_nothing(string kind)
    {
        await using var scope = governance.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var key = $"lock-test:{Guid.NewGuid()}";

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Take(db, kind, key));

        Assert.Contains("needs a transaction", refused.Message, StringComparison.Ordinal);
        Assert.True(await IsFreeAsync(key), "the refused lock was taken after all");
    }

    [Theory]
    [MemberData(nameof(Locks))]
    public async Task A_lock_taken_in_a_transaction_is_held_until_it_commits(string kind)
    {
        await using var scope = governance.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var key = $"lock-test:{Guid.NewGuid()}";

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await Take(db, kind, key);
            Assert.False(await IsFreeAsync(key), "the lock ended before its transaction");
            await transaction.CommitAsync();
        }

        Assert.True(await IsFreeAsync(key), "the lock outlived its transaction");
    }

    private static Task Take(GovernanceDbContext db, string kind, string key) => kind switch
    {
        "exclusive" => db.Database.AcquireAsync(key, CancellationToken.None),
        "shared" => db.Database.AcquireSharedAsync(key, CancellationToken.None),
        "exclusive then read" => db.Database.AcquireThenReadAsync<int>(key, "SELECT 1", [], CancellationToken.None),
        _ => db.Database.AcquireSharedThenReadAsync(key, "SELECT 1", [], row => row.GetInt32(0), CancellationToken.None),
    };

    /// <summary>Whether another session can take the key exclusively at once (and lets it go again).</summary>
    private async Task<bool> IsFreeAsync(string key)
    {
        await using var connection = new NpgsqlConnection(governance.Host.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))", connection)
        {
            Parameters = { new NpgsqlParameter { Value = key } },
        };
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
