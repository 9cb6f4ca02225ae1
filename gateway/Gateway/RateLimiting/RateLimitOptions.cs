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

    /// <summary>Prefix of the Redis keys, so several platforms (or test runs) can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "gateway:rate-limit";
}
