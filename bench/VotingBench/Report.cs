using System.Globalization;

namespace Platform.Bench.Voting;

/// <summary>Prints a run's figures; the goal (p99 under 200 ms, nothing lost or doubled) is stated beside them.</summary>
public static class Report
{
    public static readonly TimeSpan GoalP99 = TimeSpan.FromMilliseconds(200);

    public static void Print(TextWriter output, BenchOptions options, VotingResult result)
    {
        var ballots = result.Ballots;
        output.WriteLine();
        output.WriteLine($"== e-voting benchmark: {options.Rate}/s for {options.Duration.TotalSeconds:0} s through the gateway, " +
                         $"{options.Proposals} proposal(s), {options.Owners} owners, {Environment.ProcessorCount} cores ==");
        output.WriteLine($"ballots sent      {ballots.Requests}  (achieved send rate {F(ballots.SendRate)}/s, completion rate {F(ballots.CompletedRate)}/s)");
        output.WriteLine($"answers           {Statuses(ballots)}");
        output.WriteLine($"latency scheduled {ballots.Scheduled}");
        output.WriteLine($"latency sent      {ballots.Sent}");
        output.WriteLine($"  p99 per {LatencySummary.Window.TotalSeconds:0} s     {string.Join(" ", ballots.ScheduledP99ByWindow.Select(Percentiles.Ms))} ms (scheduled)");
        if (result.Baseline is { } baseline)
        {
            output.WriteLine($"baseline read     {baseline.Requests} GET proposal list, {Statuses(baseline)}, send rate {F(baseline.SendRate)}/s");
            output.WriteLine($"  scheduled       {baseline.Scheduled}");
            output.WriteLine($"  sent            {baseline.Sent}");
            output.WriteLine($"ratio ballot/read p50 {Ratio(ballots.Scheduled.P50, baseline.Scheduled.P50)}  p99 {Ratio(ballots.Scheduled.P99, baseline.Scheduled.P99)} (scheduled)");
        }

        var audit = result.Audit;
        output.WriteLine($"record            {audit.Rows} ballot rows, {audit.Receipts} receipts (201) incl. warm-up; " +
                         $"lost {audit.Lost}, duplicated {audit.Duplicated}, unacknowledged {audit.Unacknowledged}, wrong voter {audit.WrongVoter}");
        output.WriteLine($"tally equal       {(result.TallyEqual ? "yes" : "NO")} (live Redis tally = PostgreSQL recount; settled in {F(result.Settle.TotalSeconds)} s)");
        var goal = ballots.Scheduled.P99 < GoalP99 && audit.Holds && result.TallyEqual && ballots.Count(201) == ballots.Requests;
        output.WriteLine($"goal              p99 < {GoalP99.TotalMilliseconds:0} ms, all 201, zero lost/duplicated: {(goal ? "MET" : "NOT MET")}");
    }

    private static string Statuses(LatencySummary summary) =>
        string.Join(", ", summary.ByStatus.Select(pair => $"{Name(pair.Key)}: {pair.Value}"));

    private static string Name(int status) => status switch
    {
        Outcome.TimedOut => "timeout",
        Outcome.ConnectionFailed => "connection failed",
        Outcome.Shed => "shed (client cap on requests in flight)",
        _ => status.ToString(CultureInfo.InvariantCulture),
    };

    private static string Ratio(TimeSpan value, TimeSpan baseline) =>
        baseline > TimeSpan.Zero ? (value / baseline).ToString("0.0", CultureInfo.InvariantCulture) + "×" : "n/a";

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
