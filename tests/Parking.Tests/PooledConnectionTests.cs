using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Parking.Api.Infrastructure;
using Platform.Parking.Api.Lots;
using Platform.Parking.Domain.Spaces;

namespace Platform.Parking.Tests;

/// <summary>
/// Below validation: even when a statement reaches PostgreSQL and is refused there on the use that makes Npgsql
/// auto-prepare it (npgsql/npgsql#6391), no pooled connection is handed out broken afterwards — with or without a
/// transaction around the failure. Before the fix, the next use of that statement on that connection read "Received
/// unexpected backend message DataRow".
/// </summary>
public sealed class PooledConnectionTests(ParkingHost parking) : IClassFixture<ParkingHost>
{
    public enum Around
    {
        NoTransaction,
        TransactionRolledBack,
        TransactionDisposed,
    }

    [Theory]
    [InlineData(Around.NoTransaction)]
    [InlineData(Around.TransactionRolledBack)]
    [InlineData(Around.TransactionDisposed)]
    public async Task A_name_check_refused_on_the_use_that_prepares_it_breaks_no_later_request_on_any_pooled_connection(Around around)
    {
        var companyId = Guid.NewGuid();
        var community = await parking.Community(companyId);
        var time = parking.Host.Services.GetRequiredService<TimeProvider>();
        await using (var scope = parking.Host.Services.CreateAsyncScope())
        {
            // One connection for five lots: Npgsql prepares the lot-name check on its fifth use, the one carrying the NUL.
            var db = scope.ServiceProvider.GetRequiredService<ParkingDbContext>();
            NpgsqlConnection.ClearPool((NpgsqlConnection)db.Database.GetDbConnection()); // a new session, nothing prepared yet
            await db.Database.OpenConnectionAsync();
            for (var i = 0; i < 4; i++)
            {
                await LotEndpoints.Create(community, Lot($"停车场{around}{i}"), db, time, CancellationToken.None);
            }

            var transaction = around == Around.NoTransaction ? null : await db.Database.BeginTransactionAsync();
            var refused = await Assert.ThrowsAsync<PostgresException>(() => LotEndpoints.Create(community, Lot("停车\u0000场"), db, time, CancellationToken.None));
            Assert.Equal(PostgresErrorCodes.CharacterNotInRepertoire, refused.SqlState);
            if (around == Around.TransactionRolledBack)
            {
                await transaction!.RollbackAsync();
            }

            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }

        var failures = new ConcurrentQueue<string>();
        await HeldConnectionsEachCreateALot(community, time, failures);
        using var company = parking.Company(companyId);
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => company.PostAsJsonAsync($"{ParkingHost.Api}/communities/{community}/lots", new
        {
            name = $"地面{around}{i}", capacity = 20, visitorSpaceOwnership = "OwnersCommon", tariff = new { freeMinutes = 15, fenPerHour = 500, dailyCapFen = 3000 },
        })));
        foreach (var response in responses.Where(r => !r.IsSuccessStatusCode))
        {
            failures.Enqueue($"API {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Empty(failures);
    }

    /// <summary>More connections held at once than the pool keeps idle, so the one the NUL went through is among them.</summary>
    private async Task HeldConnectionsEachCreateALot(Guid community, TimeProvider time, ConcurrentQueue<string> failures)
    {
        var scopes = Enumerable.Range(0, 30).Select(_ => parking.Host.Services.CreateAsyncScope()).ToList();
        try
        {
            var contexts = scopes.Select(s => s.ServiceProvider.GetRequiredService<ParkingDbContext>()).ToList();
            await Task.WhenAll(contexts.Select(db => db.Database.OpenConnectionAsync()));
            await Task.WhenAll(contexts.Select(async (db, i) =>
            {
                try
                {
                    await LotEndpoints.Create(community, Lot($"车库{Guid.NewGuid():N}"[..12]), db, time, CancellationToken.None);
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
    }

    private static CreateLotRequest Lot(string name) => new(name, 20, null, SpaceOwnership.OwnersCommon, new TariffRequest(15, 500, 3000), null);
}
