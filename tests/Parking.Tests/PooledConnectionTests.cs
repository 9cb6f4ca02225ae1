using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Parking.Api.Infrastructure;

namespace Platform.Parking.Tests;

/// <summary>
/// Below validation: even when a statement reaches PostgreSQL and is refused there (a NUL in a text parameter, on the use
/// that makes Npgsql auto-prepare it, inside a transaction that is rolled back), the service's pooled connections stay usable.
/// </summary>
public sealed class PooledConnectionTests(ParkingHost parking) : IClassFixture<ParkingHost>
{
    private const string Statement = "SELECT length({0}::text) AS \"Value\"";

    [Fact]
    public async Task A_statement_the_database_refuses_leaves_no_broken_connection_in_the_pool()
    {
        // The same statement on every use, so the failing one is the fifth: the use on which Npgsql prepares it.
        for (var i = 0; i < 4; i++)
        {
            await RunAsync("正常");
        }

        var refused = await Assert.ThrowsAsync<PostgresException>(() => RunAsync("a\u0000b"));
        Assert.Equal(PostgresErrorCodes.CharacterNotInRepertoire, refused.SqlState);

        var failures = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            try
            {
                await RunAsync($"正常{i}");
                await using var scope = parking.Host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ParkingDbContext>().Lots.IgnoreQueryFilters().CountAsync();
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
            {
                failures.Add($"#{i}: {exception.Message}");
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>One request's worth of work: a scope, its DbContext, a transaction, the statement, the end of the scope.</summary>
    private async Task RunAsync(string text)
    {
        await using var scope = parking.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParkingDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.SqlQueryRaw<int>(string.Format(System.Globalization.CultureInfo.InvariantCulture, Statement, "{0}"), text).ToListAsync();
        await transaction.CommitAsync();
    }
}
