using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Parking.Api.Infrastructure;
using Platform.Parking.Api.Lots;
using Platform.Parking.Domain.Spaces;

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

    [Fact]
    public async Task A_name_check_refused_on_the_use_that_prepares_it_breaks_no_later_request_on_any_pooled_connection()
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        var time = parking.Host.Services.GetRequiredService<TimeProvider>();
        await using (var scope = parking.Host.Services.CreateAsyncScope())
        {
            // One connection for five lots: Npgsql prepares the lot-name check on its fifth use, the one carrying the NUL.
            var db = scope.ServiceProvider.GetRequiredService<ParkingDbContext>();
            await db.Database.OpenConnectionAsync();
            for (var i = 0; i < 4; i++)
            {
                await LotEndpoints.Create(community, Lot($"停车场{i}"), db, time, CancellationToken.None);
            }

            var refused = await Assert.ThrowsAsync<PostgresException>(() => LotEndpoints.Create(community, Lot("停车\u0000场"), db, time, CancellationToken.None));
            Assert.Equal(PostgresErrorCodes.CharacterNotInRepertoire, refused.SqlState);
        }

        // More connections held at once than the pool keeps idle, so the one the NUL went through is among them.
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var scopes = Enumerable.Range(0, 30).Select(_ => parking.Host.Services.CreateAsyncScope()).ToList();
        try
        {
            var contexts = scopes.Select(s => s.ServiceProvider.GetRequiredService<ParkingDbContext>()).ToList();
            await Task.WhenAll(contexts.Select(db => db.Database.OpenConnectionAsync()));
            await Task.WhenAll(contexts.Select(async (db, i) =>
            {
                try
                {
                    await LotEndpoints.Create(community, Lot($"车库{i}"), db, time, CancellationToken.None);
                }
                catch (Exception exception)
                {
                    failures.Enqueue($"connection {i}: {exception.Message}");
                }
            }));
        }
        finally
        {
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }

        using var company = parking.Company(companyId);
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => company.PostAsJsonAsync($"{ParkingHost.Api}/communities/{community}/lots", new
        {
            name = $"地面{i}", capacity = 20, visitorSpaceOwnership = "OwnersCommon", tariff = new { freeMinutes = 15, fenPerHour = 500, dailyCapFen = 3000 },
        })));
        foreach (var response in responses.Where(r => !r.IsSuccessStatusCode))
        {
            failures.Enqueue($"API {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Empty(failures);
    }

    private static CreateLotRequest Lot(string name) => new(name, 20, null, SpaceOwnership.OwnersCommon, new TariffRequest(15, 500, 3000), null);

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
