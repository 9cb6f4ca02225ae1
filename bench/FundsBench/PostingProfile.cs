using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Bench.Funds;

/// <summary>
/// Where a disbursement's time goes, from what the host emits anyway: the server's request span (ASP.NET Core), every
/// PostgreSQL round trip (Npgsql spans, a batch of statements being one) and EF Core's SaveChanges (its diagnostic
/// events), grouped by trace. The time of a request that is in no statement is the service's own work: reading and
/// binding the body, materialising and tracking entities, apportioning, sealing, building the batches.
/// Only the measured disbursements are recorded (<see cref="Recording"/>), one request at a time.
/// </summary>
public sealed class PostingProfile : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly string SaveStarting = CoreEventId.SaveChangesStarting.Name!;
    private static readonly string SaveCompleted = CoreEventId.SaveChangesCompleted.Name!;
    private readonly ConcurrentQueue<Span> _spans = new();
    private readonly ConcurrentDictionary<ActivityTraceId, (DateTime Start, TimeSpan Duration)> _requests = new();
    private readonly ConcurrentQueue<(ActivityTraceId Trace, DateTime At, bool Starting)> _saves = new();
    private readonly ActivityListener _listener;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _gate = new();

    public PostingProfile()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (!Recording)
                {
                    return;
                }

                if (activity.Source.Name == "Npgsql")
                {
                    var statement = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName;
                    _spans.Enqueue(new Span(activity.TraceId, activity.StartTimeUtc, activity.Duration, statement));
                }
                else if (activity.Kind == ActivityKind.Server)
                {
                    _requests[activity.TraceId] = (activity.StartTimeUtc, activity.Duration);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public bool Recording { get; set; }

    /// <summary>
    /// Per disbursement: time in the server, in PostgreSQL and in neither, and the same for its SaveChanges; the statements
    /// that cost most (mean per disbursement); then the timeline of the median one (<paramref name="medianIndex"/>, in the order they
    /// were sent), consecutive round trips of one shape collapsed, and the service's own gaps of 2 ms or more.
    /// </summary>
    public void Print(TextWriter output, int medianIndex)
    {
        var requests = _requests.OrderBy(r => r.Value.Start).ToList();
        if (requests.Count == 0)
        {
            output.WriteLine("profile           no disbursement request spans seen");
            return;
        }

        var spans = _spans.GroupBy(s => s.Trace).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Start).ToList());
        var saves = _saves.GroupBy(s => s.Trace).ToDictionary(g => g.Key, g => g.OrderBy(s => s.At).ToList());
        var profiles = requests.Select(r => Profile(r.Value.Start, r.Value.Duration, spans.GetValueOrDefault(r.Key) ?? [], saves.GetValueOrDefault(r.Key) ?? []))
            .ToList();
        output.WriteLine($"profile           {profiles.Count} disbursements, each: time in the server = in PostgreSQL statements + in the service outside any statement; " +
                         "its SaveChanges = in statements + EF Core's change detection and batch building");
        foreach (var (p, i) in profiles.Select((p, i) => (p, i)))
        {
            output.WriteLine($"  run {i + 1,-2}          server {Ms(p.Server),7} ms = {p.RoundTrips} round trips {Ms(p.Database),7} ms + service {Ms(p.Server - p.Database),7} ms; " +
                             $"SaveChanges {Ms(p.Save),7} ms = {p.SaveRoundTrips} round trips {Ms(p.SaveDatabase),7} ms + EF Core {Ms(p.Save - p.SaveDatabase),6} ms");
        }

        output.WriteLine("  statements, per disbursement (mean):");
        foreach (var statement in profiles.SelectMany(p => p.Spans).GroupBy(s => Shape(s.Statement)).OrderByDescending(g => g.Sum(s => s.Duration.TotalMilliseconds)).Take(8))
        {
            output.WriteLine($"  {Ms(statement.Sum(s => s.Duration.TotalMilliseconds) / profiles.Count),8} ms  {statement.Count() / (double)profiles.Count,6:0.#}×  {statement.Key}");
        }

        if (medianIndex >= requests.Count)
        {
            return;
        }

        var median = requests[medianIndex];
        output.WriteLine($"  timeline of the median disbursement (ms from the request's start; gaps of 2 ms or more are the service's own work):");
        var start = median.Value.Start;
        var cursor = start;
        var trace = spans.GetValueOrDefault(median.Key) ?? [];
        var saveMarks = saves.GetValueOrDefault(median.Key) ?? [];
        for (var i = 0; i < trace.Count;)
        {
            var shape = Shape(trace[i].Statement);
            var j = i;
            while (j + 1 < trace.Count && Shape(trace[j + 1].Statement) == shape)
            {
                j++;
            }

            var gap = trace[i].Start - cursor;
            if (gap >= TimeSpan.FromMilliseconds(2))
            {
                var saving = saveMarks.Any(s => s.Starting && s.At >= cursor && s.At <= trace[i].Start) ? " (SaveChanges begins: change detection, batch building)" : "";
                output.WriteLine($"    {Ms((cursor - start).TotalMilliseconds),8}  +{Ms(gap.TotalMilliseconds),7}  in the service{saving}");
            }

            var end = trace[i..(j + 1)].Max(s => s.Start + s.Duration);
            var inStatements = trace[i..(j + 1)].Sum(s => s.Duration.TotalMilliseconds);
            output.WriteLine($"    {Ms((trace[i].Start - start).TotalMilliseconds),8}  +{Ms((end - trace[i].Start).TotalMilliseconds),7}  " +
                             $"{j - i + 1,5}× {shape}{(j > i ? $" ({Ms(inStatements)} ms in them)" : "")}");
            cursor = end;
            i = j + 1;
        }

        var tail = start + median.Value.Duration - cursor;
        output.WriteLine($"    {Ms((cursor - start).TotalMilliseconds),8}  +{Ms(tail.TotalMilliseconds),7}  commit and the answer (the commit has no span)");
    }

    private static RequestProfile Profile(DateTime start, TimeSpan duration, List<Span> spans, List<(ActivityTraceId Trace, DateTime At, bool Starting)> saves)
    {
        // The endpoint's SaveChanges is the request's first; the audit entry's comes after it, in the filter.
        var saveStart = saves.Where(s => s.Starting).Select(s => s.At).DefaultIfEmpty(start).First();
        var saveEnd = saves.Where(s => !s.Starting && s.At >= saveStart).Select(s => s.At).DefaultIfEmpty(saveStart).First();
        var inSave = spans.Where(s => s.Start >= saveStart && s.Start <= saveEnd).ToList();
        return new RequestProfile(duration.TotalMilliseconds, spans.Sum(s => s.Duration.TotalMilliseconds), spans.Count, (saveEnd - saveStart).TotalMilliseconds,
            inSave.Sum(s => s.Duration.TotalMilliseconds), inSave.Count, spans);
    }

    /// <summary>A statement's shape: its first words and table, parameters and batch length aside.</summary>
    private static string Shape(string statement)
    {
        var statements = statement.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = string.Join(' ', (statements.FirstOrDefault() ?? statement).Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        first = first.Length > 100 ? first[..100] + "…" : first;
        var kinds = statements.Select(s => s.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries).Take(3)).Select(w => string.Join(' ', w)).Distinct().ToList();
        return statements.Length > 1 ? $"batch of {BatchSize(statements.Length)} [{string.Join(" | ", kinds.Take(3))}]: {first}" : first;
    }

    /// <summary>Batch lengths rounded, so batches of 1,000 and 999 statements read as one shape.</summary>
    private static string BatchSize(int count) => count >= 100 ? $"~{(count + 50) / 100 * 100}" : count.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_gate)
            {
                _subscriptions.Add(listener.Subscribe(this, name => name == SaveStarting || name == SaveCompleted));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> diagnostic)
    {
        if (Recording && Activity.Current is { } current)
        {
            _saves.Enqueue((current.TraceId, DateTime.UtcNow, diagnostic.Key == SaveStarting));
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _listener.Dispose();
        lock (_gate)
        {
            _subscriptions.ForEach(s => s.Dispose());
            _subscriptions.Clear();
        }
    }

    private sealed record Span(ActivityTraceId Trace, DateTime Start, TimeSpan Duration, string Statement);

    private sealed record RequestProfile(double Server, double Database, int RoundTrips, double Save, double SaveDatabase, int SaveRoundTrips, List<Span> Spans);
}
