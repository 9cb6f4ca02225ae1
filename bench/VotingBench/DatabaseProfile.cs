using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Platform.Bench.Voting;

/// <summary>
/// Where a ballot's time goes in PostgreSQL, from the Npgsql spans the service emits anyway: per ballot, how many
/// round trips it made, how long it waited for the proposal's lock and how long it then held it (to its last write; the
/// commit has no span). Ballots share that lock (ADR-006), so the hold time does not bound the rate; it is how long the
/// closer would wait for the ballots in flight. Only the measured ballots are recorded (<see cref="Recording"/>).
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
            // The proposal's lock is taken shared, in the round trip that reads the voting window.
            var proposalLock = trace.FindLastIndex(s => s.Statement.Contains("pg_advisory_xact_lock_shared", StringComparison.Ordinal));
            if (proposalLock < 0)
            {
                continue;
            }

            // Held until the command's last write (the audit entry and stored response) and then the commit, which has no span;
            // later spans of the trace are the live-tally consumer's.
            var lastWrite = trace.FindLastIndex(s => s.Statement.Contains("INSERT INTO audit_entries", StringComparison.Ordinal));
            if (lastWrite < proposalLock)
            {
                continue;
            }

            var locked = trace[proposalLock].Start + trace[proposalLock].Duration;
            waits.Add(trace[proposalLock].Duration);
            holds.Add(trace[lastWrite].Start + trace[lastWrite].Duration - locked);
        }

        output.WriteLine($"profile           {ballots.Count} ballots; {F(ballots.Average(t => t.Count))} PostgreSQL round trips each, " +
                         $"{F(ballots.Average(t => t.Sum(s => s.Duration.TotalMilliseconds)))} ms in them");
        output.WriteLine($"  proposal lock wait {Percentiles.Of(waits)} (round trip included)");
        output.WriteLine($"  proposal lock held {Percentiles.Of(holds)} (shared by the ballots; to the last write, before the commit)");
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
