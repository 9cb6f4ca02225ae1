using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Platform.Identity.Tests;

/// <summary>
/// Every log entry of a host, at every level and category (Trace included), with its message, the
/// values of its structured state and its exception: what any log sink could ever be given.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => _entries.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            entries.Enqueue($"{category} scope: {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = new StringBuilder($"{logLevel} {category}: {formatter(state, exception)} | {Describe(state)}");
            if (exception is not null)
            {
                entry.Append(" | ").Append(exception);
            }

            entries.Enqueue(entry.ToString());
        }

        private static string Describe(object? state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values
                ? string.Join(", ", values.Select(value => $"{value.Key}={value.Value}"))
                : state?.ToString() ?? "";
    }
}
