using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Platform.Bench.Voting;

/// <summary>
/// Where a ballot's time goes in PostgreSQL, from the Npgsql spans the service emits anyway: per ballot, how long it
/// waited for the proposal's chain lock, how long it then held it (until its last statement ended, i.e. the commit),
/// and how many round trips it made. Only the measured ballots are recorded (<see cref="Recording"/>).
/// </summary>
public sealed class DatabaseProfile : IDisposable
{
    private readonly ConcurrentQueue<(ActivityTraceId Trace, DateTime Start, TimeSpan Duration, string Statement)> _spans = new();
    private readonly ActivityListener _listener;

    public DatabaseProfile()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (Recording)
                {
                    var statement = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName;
                    _spans.Enqueue((activity.TraceId, activity.StartTimeUtc, activity.Duration, statement));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public bool Recording { get; set; }

    public void Print(TextWriter output)
    {
        var ballots = _spans.GroupBy(s => s.Trace)
            .Select(trace => trace.OrderBy(s => s.Start).TakeWhile(s => !s.Statement.Contains("inbox", StringComparison.OrdinalIgnoreCase)).ToList())
            .Where(trace => trace.Any(s => s.Statement.Contains("INSERT INTO ballots", StringComparison.Ordinal)))
            .ToList();
        if (ballots.Count == 0)
        {
            output.WriteLine("profile           no ballot spans seen");
            return;
        }

        var waits = new List<TimeSpan>();
        var holds = new List<TimeSpan>();
        foreach (var trace in ballots)
        {
            // The chain lock is the advisory lock taken just before the check that no result exists yet.
            var chainLock = trace.FindLastIndex(s => s.Statement.Contains("pg_advisory_xact_lock", StringComparison.Ordinal) && !s.Statement.Contains("audit_entries", StringComparison.Ordinal));
            if (chainLock < 0)
            {
                continue;
            }

            // Held until the command's last write (the audit entry and stored response) and then the commit, which has no span;
            // later spans of the trace are the live-tally consumer's.
            var lastWrite = trace.FindLastIndex(s => s.Statement.Contains("INSERT INTO audit_entries", StringComparison.Ordinal));
            if (lastWrite < chainLock)
            {
                continue;
            }

            var locked = trace[chainLock].Start + trace[chainLock].Duration;
            waits.Add(trace[chainLock].Duration);
            holds.Add(trace[lastWrite].Start + trace[lastWrite].Duration - locked);
        }

        output.WriteLine($"profile           {ballots.Count} ballots; {F(ballots.Average(t => t.Count))} PostgreSQL round trips each, " +
                         $"{F(ballots.Average(t => t.Sum(s => s.Duration.TotalMilliseconds)))} ms in them");
        output.WriteLine($"  chain lock wait {Percentiles.Of(waits)}");
        output.WriteLine($"  chain lock held {Percentiles.Of(holds)} (to the last write; mean {F(holds.Average(h => h.TotalMilliseconds))} ms → at most {F(1000 / holds.Average(h => h.TotalMilliseconds))} ballots/s per proposal, before the commit)");
        foreach (var statement in ballots.SelectMany(t => t).GroupBy(s => Shorten(s.Statement)).OrderByDescending(g => g.Sum(s => s.Duration.TotalMilliseconds)).Take(8))
        {
            output.WriteLine($"  {F(statement.Sum(s => s.Duration.TotalMilliseconds) / ballots.Count),6} ms/ballot  {statement.Count() / (double)ballots.Count,4:0.0}×  {statement.Key}");
        }
    }

    public void Dispose() => _listener.Dispose();

    private static string Shorten(string statement)
    {
        var line = string.Join(' ', statement.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return line.Length > 90 ? line[..90] : line;
    }

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
