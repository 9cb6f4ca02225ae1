using System.Collections;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Platform.TestKit;

/// <summary>
/// Every span of every source in the test process, exported in memory by OpenTelemetry. Several
/// hosts share the process, so a span is told apart by its tags (server port, platform.service),
/// not by its resource.
/// </summary>
public static class TestTelemetry
{
    private static readonly SynchronizedSpans Exported = new();
    private static readonly TracerProvider Provider = Sdk.CreateTracerProviderBuilder()
        .AddSource("*")
        .SetSampler(new AlwaysOnSampler())
        .AddInMemoryExporter(Exported)
        .Build();

    public static IReadOnlyList<Activity> Spans
    {
        get
        {
            GC.KeepAlive(Provider);
            return Exported.Snapshot();
        }
    }

    public static IEnumerable<Activity> InTrace(ActivityTraceId traceId) => Spans.Where(span => span.TraceId == traceId);

    /// <summary>Call before the hosts start so their first spans are seen.</summary>
    public static void EnsureStarted() => GC.KeepAlive(Provider);

    /// <summary>Spans end on many threads at once.</summary>
    private sealed class SynchronizedSpans : ICollection<Activity>
    {
        private readonly List<Activity> _spans = [];

        public int Count
        {
            get
            {
                lock (_spans)
                {
                    return _spans.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public IReadOnlyList<Activity> Snapshot()
        {
            lock (_spans)
            {
                return _spans.ToArray();
            }
        }

        public void Add(Activity item)
        {
            lock (_spans)
            {
                _spans.Add(item);
            }
        }

        public void Clear()
        {
            lock (_spans)
            {
                _spans.Clear();
            }
        }

        public bool Contains(Activity item) => Snapshot().Contains(item);

        public void CopyTo(Activity[] array, int arrayIndex) => Snapshot().ToArray().CopyTo(array, arrayIndex);

        public bool Remove(Activity item)
        {
            lock (_spans)
            {
                return _spans.Remove(item);
            }
        }

        public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
