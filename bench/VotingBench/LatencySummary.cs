using System.Diagnostics;

namespace Platform.Bench.Voting;

/// <summary>Percentiles (nearest rank) of one run, from the scheduled time and from the actual send, and its answers by status.</summary>
public sealed record LatencySummary(
    int Requests, double SendRate, double CompletedRate, Percentiles Scheduled, Percentiles Sent, IReadOnlyDictionary<int, int> ByStatus,
    IReadOnlyList<TimeSpan> ScheduledP99ByWindow)
{
    /// <summary>The schedule is cut into windows of this length for <see cref="ScheduledP99ByWindow"/>: is a tail a few stalls or a long queue?</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    /// <summary>Latencies of every request sent (timeouts count with the time they waited); shed requests are only counted.</summary>
    public static LatencySummary Of(IReadOnlyList<Outcome> all)
    {
        var outcomes = all.Where(o => o.Answered).ToList();
        if (outcomes.Count == 0)
        {
            throw new InvalidOperationException("No request was sent.");
        }

        var firstSent = outcomes.Min(o => o.Sent);
        var lastSent = outcomes.Max(o => o.Sent);
        var lastDone = outcomes.Max(o => o.Done);
        var firstDue = outcomes.Min(o => o.Scheduled);
        var sendSpan = Stopwatch.GetElapsedTime(firstSent, lastSent).TotalSeconds;
        return new LatencySummary(
            all.Count,
            sendSpan > 0 ? (outcomes.Count - 1) / sendSpan : 0,
            outcomes.Count / Stopwatch.GetElapsedTime(firstDue, lastDone).TotalSeconds,
            Percentiles.Of(outcomes.Select(o => o.FromScheduled)),
            Percentiles.Of(outcomes.Select(o => o.FromSent)),
            all.GroupBy(o => o.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            outcomes.GroupBy(o => (int)(Stopwatch.GetElapsedTime(firstDue, o.Scheduled) / Window)).OrderBy(g => g.Key)
                .Select(g => Percentiles.Of(g.Select(o => o.FromScheduled)).P99).ToList());
    }

    public int Count(int status) => ByStatus.GetValueOrDefault(status);
}

public sealed record Percentiles(TimeSpan P50, TimeSpan P90, TimeSpan P99, TimeSpan Max)
{
    public static Percentiles Of(IEnumerable<TimeSpan> latencies)
    {
        var sorted = latencies.Order().ToArray();
        TimeSpan At(double quantile) => sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(At(0.50), At(0.90), At(0.99), sorted[^1]);
    }

    public override string ToString() => $"p50 {Ms(P50)}  p90 {Ms(P90)}  p99 {Ms(P99)}  max {Ms(Max)} ms";

    public static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
