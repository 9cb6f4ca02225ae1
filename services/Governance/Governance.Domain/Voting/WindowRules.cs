using System.Globalization;

namespace Platform.Governance.Domain.Voting;

/// <summary>Why a voting window was refused: the request field and message key, or (no field) a conflict code.</summary>
public sealed record WindowRefusal(string? Field, string Key, params object?[] Args)
{
    public const string VotingClosed = "voting_closed";

    public bool IsConflict => Field is null;
}

/// <summary>
/// How long before voting opens the owners must be told, and how short or long voting may run. Rule-set data:
/// localities differ. The server's clock is the judge; the caller's clock may lag it by <see cref="ClockSkew"/>.
/// </summary>
public sealed record WindowRules(TimeSpan MinimumNotice, TimeSpan MinimumWindow, TimeSpan MaximumWindow, string Source)
{
    /// <summary>How far a caller's clock may run behind the server's before an opening "now" reads as the past.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    /// <summary>The earliest opening for a proposal created at <paramref name="now"/>.</summary>
    public DateTimeOffset EarliestOpening(DateTimeOffset now) => now + MinimumNotice;

    /// <summary>These rules with shorter minima (local demos only: the host refuses it outside Development).</summary>
    public WindowRules ShortenedTo(TimeSpan? notice, TimeSpan? window) => this with
    {
        MinimumNotice = notice is { } n && n < MinimumNotice ? n : MinimumNotice,
        MinimumWindow = window is { } w && w < MinimumWindow ? w : MinimumWindow,
    };

    /// <summary>Why a window put to the owners at <paramref name="now"/> may not run from opensAt to closesAt; null when it may.</summary>
    public WindowRefusal? Refuse(DateTimeOffset now, DateTimeOffset opensAt, DateTimeOffset closesAt)
    {
        if (opensAt < now - ClockSkew)
        {
            return new WindowRefusal("opensAt", "error.opens_in_past", now);
        }

        if (opensAt < EarliestOpening(now) - ClockSkew)
        {
            return new WindowRefusal("opensAt", "error.notice_too_short", Days(MinimumNotice), EarliestOpening(now));
        }

        if (closesAt <= now)
        {
            return new WindowRefusal("closesAt", "error.closes_in_past", now);
        }

        if (closesAt - opensAt < MinimumWindow)
        {
            return new WindowRefusal("closesAt", "error.window_too_short", Days(MinimumWindow), opensAt + MinimumWindow);
        }

        return closesAt - opensAt > MaximumWindow
            ? new WindowRefusal("closesAt", "error.window_too_long", Days(MaximumWindow), opensAt + MaximumWindow)
            : null;
    }

    /// <summary>Why the close may not move from <paramref name="closesAt"/> to <paramref name="extendedTo"/>; null if it may.</summary>
    public WindowRefusal? RefuseExtension(DateTimeOffset now, DateTimeOffset opensAt, DateTimeOffset closesAt, DateTimeOffset extendedTo)
    {
        if (now >= closesAt)
        {
            return new WindowRefusal(null, WindowRefusal.VotingClosed);
        }

        if (extendedTo <= closesAt)
        {
            return new WindowRefusal("closesAt", "error.extension_not_later", closesAt);
        }

        return extendedTo - opensAt > MaximumWindow
            ? new WindowRefusal("closesAt", "error.window_too_long", Days(MaximumWindow), opensAt + MaximumWindow)
            : null;
    }

    private static string Days(TimeSpan span) => span.TotalDays.ToString("0.###", CultureInfo.InvariantCulture);
}
