using System.Globalization;

namespace Platform.Bench.Funds;

/// <summary>Prints a run's figures: entries per second of the median settlement, against the naive loop and the in-memory floor.</summary>
public static class Report
{
    public static void Print(TextWriter output, SettlementResult result)
    {
        var runs = result.Runs.Select(r => r.Disbursement).ToList();
        var median = result.Median;
        output.WriteLine();
        output.WriteLine($"== repair-settlement benchmark: one settlement apportioned over {median.UnitsCharged:N0} units by area and posted as one journal transaction " +
                         $"of {median.Entries:N0} entries, {runs.Count} run(s), {Environment.ProcessorCount} cores ==");
        output.WriteLine($"disbursement      median {S(median.Elapsed)} s  min {S(runs.Min(r => r.Elapsed))} s  max {S(runs.Max(r => r.Elapsed))} s " +
                         $"(POST .../disbursements, request to answer; {string.Join(", ", runs.Select(r => S(r.Elapsed)))})");
        output.WriteLine($"entries/s         {F0(median.EntriesPerSecond)} (median run; journal lines posted, one per unit charged and the bank's credit)");
        output.WriteLine($"GC pauses         {string.Join(", ", result.Runs.Select(r => $"{r.GcPause.TotalMilliseconds:0} ms ({r.FullCollections} full)"))} " +
                         "(in this process, host and client, during each run)");
        if (result.Naive is { } naive)
        {
            output.WriteLine($"naive per-line    {F0(naive.EntriesPerSecond)} entries/s ({naive.Entries:N0} entries for a sample of {naive.Units:N0} units in {S(naive.Elapsed)} s; " +
                             "EF Core, one SaveChanges per unit line, one database transaction)");
            output.WriteLine($"ratio             {(median.EntriesPerSecond / naive.EntriesPerSecond).ToString("0.0", CultureInfo.InvariantCulture)}× the naive entries/s");
        }

        var inMemory = result.InMemory;
        output.WriteLine($"in memory         {inMemory.Median.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms to apportion and seal {inMemory.Entries:N0} entries " +
                         $"({F0(inMemory.EntriesPerSecond)}/s), {(inMemory.Median / median.Elapsed).ToString("0.0%", CultureInfo.InvariantCulture)} of the median run");
        output.WriteLine($"warm-up           {result.WarmUp.Entries:N0} entries in {S(result.WarmUp.Elapsed)} s (neighbouring community, not counted)");
        output.WriteLine($"verification      GET /journal/verification in {S(result.VerificationTime)} s: " +
                         (result.Verification.Holds ? "holds" : "VIOLATED\n    " + string.Join("\n    ", result.Verification.Violations.Take(10))));
        foreach (var audit in result.Audits)
        {
            output.WriteLine($"check             {audit}");
        }

        output.WriteLine($"load average      {string.Join("; ", result.Load)}");
        foreach (var line in result.Probe)
        {
            output.WriteLine($"probe             {line}");
        }
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string S(TimeSpan value) => value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string F0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
