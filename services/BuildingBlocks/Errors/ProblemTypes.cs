namespace Platform.BuildingBlocks.Errors;

/// <summary>Stable problem-details <c>type</c> URIs; clients branch on these, never on titles.</summary>
public static class ProblemTypes
{
    private const string Base = "https://platform.county.gov.cn/problems/";

    public const string Validation = Base + "validation";
    public const string MalformedRequest = Base + "malformed-request";
    public const string ControlCharacters = Base + "control-characters";
    public const string NotFound = Base + "not-found";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string Conflict = Base + "conflict";
    public const string ConcurrencyConflict = Base + "concurrency-conflict";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string Internal = Base + "internal";

    /// <summary>A dependency (the database, the broker, another service) is briefly unreachable: retry after Retry-After.</summary>
    public const string ServiceUnavailable = Base + "service-unavailable";

    public static string For(string code) => Base + code;
}
