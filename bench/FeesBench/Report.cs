using System.Globalization;

namespace Platform.Bench.Fees;

/// <summary>The figures of one run, as printed.</summary>
public sealed record BillRunResult(
    SeededCommunity Community, IReadOnlyList<TimedBillRun> Runs, TimedBillRun ReRun, NaiveRun? Naive, IReadOnlyList<BillAudit> Audits,
    long OutsideBills, IReadOnlyList<string> Load)
{
    public bool Holds => Audits.All(a => a.Holds) && ReRun.BillsCreated == 0 && OutsideBills == 0;

    public TimedBillRun Median => Runs.OrderBy(r => r.Elapsed).ElementAt(Runs.Count / 2);
}

/// <summary>Prints a run's figures with the goals beside them: 100,000 units in under 10 s, at least 5× the naive path.</summary>
public static class Report
{
    public static readonly TimeSpan GoalSeconds = TimeSpan.FromSeconds(10);
    public const int GoalUnits = 100_000;
    public const double GoalRatio = 5;

    public static void Print(TextWriter output, BenchOptions options, BillRunResult result)
    {
        var runs = result.Runs;
        var median = result.Median;
        var billable = median.BillsCreated;
        output.WriteLine();
        output.WriteLine($"== bill-run benchmark: {billable:N0} units billed per run in one community " +
                         $"({result.Community.Units.Count:N0} units, {result.Community.Units.Count - billable:N0} not billable), " +
                         $"{runs.Count} run(s), {Environment.ProcessorCount} cores ==");
        output.WriteLine($"bill run          median {S(median.Elapsed)} s  min {S(runs.Min(r => r.Elapsed))} s  max {S(runs.Max(r => r.Elapsed))} s " +
                         $"(POST .../bill-runs, request to answer; {string.Join(", ", runs.Select(r => $"{r.Period} {S(r.Elapsed)} s"))})");
        output.WriteLine($"bills/s           {F0(median.BillsPerSecond)} (median run)");
        output.WriteLine($"re-run            {result.ReRun.Period}: {result.ReRun.BillsCreated} bills created in {S(result.ReRun.Elapsed)} s");
        double? ratio = null;
        if (result.Naive is { } naive)
        {
            ratio = median.BillsPerSecond / naive.BillsPerSecond;
            output.WriteLine($"naive per-row     {F0(naive.BillsPerSecond)} bills/s ({naive.BillsCreated:N0} of a sample of {naive.Units:N0} units in {S(naive.Elapsed)} s; " +
                             "EF Core, one query and one SaveChanges per bill)");
            output.WriteLine($"ratio             {ratio.Value.ToString("0.0", CultureInfo.InvariantCulture)}× the naive bills/s");
        }

        foreach (var audit in result.Audits)
        {
            output.WriteLine($"check             {audit}");
        }

        output.WriteLine($"check             bills of other communities in the measured months: {result.OutsideBills}; re-run created {result.ReRun.BillsCreated} " +
                         $"— {(result.ReRun.BillsCreated == 0 && result.OutsideBills == 0 ? "OK" : "WRONG")}");
        output.WriteLine($"load average      {string.Join("; ", result.Load)}");
        // The goal is for 100,000 units; a smaller run says nothing about it.
        var scaled = billable >= GoalUnits;
        output.WriteLine($"goal time         {GoalUnits:N0} units in < {GoalSeconds.TotalSeconds:0} s: " +
                         (scaled ? median.Elapsed < GoalSeconds ? "MET" : "NOT MET" : $"not judged ({billable:N0} units)"));
        output.WriteLine($"goal ratio        ≥ {GoalRatio:0}× naive: " + (ratio is { } r ? r >= GoalRatio ? "MET" : "NOT MET" : "not judged (no naive run)"));
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string S(TimeSpan value) => value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string F0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
