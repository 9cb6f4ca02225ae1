using System.Diagnostics;
using Platform.BuildingBlocks.Data;
using Platform.Funds.Api.Journal;
using Platform.Funds.Domain.Journal;
using Platform.Contracts.Kernel.Money;

namespace Platform.Bench.Funds;

/// <summary>The in-memory floor's figures: the median time to apportion and seal one settlement, with no database.</summary>
public sealed record InMemoryRun(int Entries, TimeSpan Median)
{
    public double EntriesPerSecond => Entries / Median.TotalSeconds;
}

/// <summary>
/// The work of a disbursement that needs no database, in the bench's process: <see cref="Apportionment.ByArea"/> over the
/// scope, the journal lines built, and the transaction sealed over them (<see cref="JournalTransaction.Seal"/>), as the
/// endpoint does. What the endpoint takes beyond this is PostgreSQL, EF Core and HTTP.
/// </summary>
public static class InMemoryApportionment
{
    public static InMemoryRun Measure(SeededCommunity community, long amountFen, int repeats)
    {
        var units = community.Units.Select(u => (u.Id, u.AreaHundredths)).ToList();
        var entries = 0;
        var times = new List<TimeSpan>();
        // The first is the JIT's; not counted.
        for (var i = 0; i <= repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            var shares = Apportionment.ByArea(amountFen, units);
            var sealedTransaction = SealedTransaction.Create(community.Id, 3, HashChain.Genesis, JournalKind.RepairDisbursement, "in memory", DateTimeOffset.UtcNow,
                null, "bench", SealedTransaction.Disbursement(shares, amountFen));
            clock.Stop();
            entries = sealedTransaction.Lines.Count;
            if (i > 0)
            {
                times.Add(clock.Elapsed);
            }
        }

        return new InMemoryRun(entries, times.Order().ElementAt(times.Count / 2));
    }
}
