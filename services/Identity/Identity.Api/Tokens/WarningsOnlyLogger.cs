namespace Platform.Identity.Api.Tokens;

/// <summary>
/// A logger that passes on warnings and errors only, whatever the configuration says. OpenIddict's server
/// pipeline logs every token request and response at Information and each token it creates, in full, at
/// Trace: no log level an operator sets may bring those out.
/// </summary>
internal sealed class WarningsOnlyLogger<T>(ILoggerFactory loggers) : ILogger<T>
{
    private readonly ILogger _inner = loggers.CreateLogger<T>();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Warning)
        {
            _inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
