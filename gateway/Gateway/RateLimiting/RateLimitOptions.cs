namespace Platform.Gateway.RateLimiting;

/// <summary>"RateLimits": requests per minute per caller, counted in Redis so every gateway replica shares them.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>The counting window: limits are per minute.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Per organisation client (client credentials), unless <see cref="Clients"/> names it.</summary>
    public int ClientPerMinute { get; set; } = 1200;

    /// <summary>Per owner, whichever app or token they use.</summary>
    public int OwnerPerMinute { get; set; } = 120;

    /// <summary>Per remote address for callers without a token (public disclosures, token and sign-in requests).</summary>
    public int AnonymousPerMinute { get; set; } = 60;

    /// <summary>Per-client overrides: "RateLimits:Clients:&lt;client_id&gt;" = requests per minute.</summary>
    public Dictionary<string, int> Clients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Token requests per client_id per minute at the token endpoint, whichever addresses send them (a client needs one
    /// token per lifetime, 15 minutes), unless <see cref="TokenClients"/> names it.
    /// </summary>
    public int TokenPerClientPerMinute { get; set; } = 30;

    /// <summary>Per-client overrides at the token endpoint, e.g. the owners' app, which every owner signs in through.</summary>
    public Dictionary<string, int> TokenClients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Failed client authentications (the token endpoint's 401 invalid_client) per client address per minute.</summary>
    public int FailedAuthenticationsPerAddress { get; set; } = 10;

    /// <summary>Failed client authentications per client_id per minute, from whichever addresses.</summary>
    public int FailedAuthenticationsPerClient { get; set; } = 20;

    /// <summary>Prefix of the Redis keys, so several platforms (or test runs) can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "gateway:rate-limit";
}
