namespace Platform.Identity.Api.OwnerSignIn;

/// <summary>
/// Delivers an owner's sign-in code to their phone (an SMS gateway in production). Exactly one may be
/// registered; without one, owners cannot get codes (the code request answers 503). Implementations
/// must never log the code.
/// </summary>
public interface IOneTimeCodeSender
{
    Task SendAsync(string phone, string code, CancellationToken cancellationToken);
}

/// <summary>
/// Development only ("Identity:OneTimeCodes:Sender": "log"; the service refuses to start with it in any
/// other environment): writes the code to the log under its own category so a developer can sign in.
/// </summary>
public sealed class LoggingOneTimeCodeSender(ILoggerFactory loggers) : IOneTimeCodeSender
{
    public const string ConfigurationValue = "log";
    public const string Category = "Platform.Identity.DevelopmentOneTimeCodes";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public Task SendAsync(string phone, string code, CancellationToken cancellationToken)
    {
        _logger.LogWarning("DEVELOPMENT ONLY: sign-in code for {Phone} is {Code}", phone, code);
        return Task.CompletedTask;
    }
}
