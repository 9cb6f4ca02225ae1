using System.Diagnostics;

namespace Platform.Identity.Api.OwnerSignIn;

/// <summary>
/// A request for a sign-in code as the endpoint records it, before anyone asks whose phone it is: the
/// <see cref="OwnerSignInCodeDispatcher"/> looks the phone up and sends the code off the request path. The phone is
/// kept in clear because the code must reach it; the row lives until the request is handled (seconds, at most
/// <see cref="OwnerSignInCode.Lifetime"/>), and it never leaves the service.
/// </summary>
public sealed class OwnerSignInRequest
{
    private OwnerSignInRequest()
    {
    }

    public Guid Id { get; private set; }

    public string Phone { get; private set; } = "";

    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>Governance did not answer this many times.</summary>
    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>The request's trace, so that the look-up and the delivery join it.</summary>
    public string? TraceParent { get; private set; }

    public string? TraceState { get; private set; }

    public static OwnerSignInRequest Record(string phone, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Phone = phone,
        RequestedAt = now,
        NextAttemptAt = now,
        TraceParent = Activity.Current?.Id,
        TraceState = Activity.Current?.TraceStateString,
    };

    /// <summary>A code asked for this long ago would reach the phone already expired.</summary>
    public bool IsStale(DateTimeOffset now) => now - RequestedAt >= OwnerSignInCode.Lifetime;
}
