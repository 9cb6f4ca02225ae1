using System.Globalization;
using Platform.Contracts.Events;

namespace Platform.Fees.Domain.PublicIncome;

/// <summary>Why an owners' resolution may not dispose of a community's public income.</summary>
public enum ResolutionRefusal
{
    None,

    /// <summary>Voted by some buildings or units only: public income is the whole community's (Civil Code art. 282).</summary>
    NotCommunityWide,

    /// <summary>Not a resolution of art. 278 item (9), the matter under which owners dispose of common property.</summary>
    WrongMatter,

    /// <summary>The resolution is of another community, or of one fees does not know.</summary>
    OtherCommunity,

    /// <summary>The resolution does not carry the term the use needs, or carries it malformed.</summary>
    TermMissing,
}

/// <summary>
/// Which owners' resolutions may dispose of the owners' public income: the split with the company and covers of a
/// fee shortfall. Net public income belongs to all owners (Civil Code art. 282); handing part of it to the company
/// disposes of common property, which the Supreme People's Court's interpretation on building ownership (art. 7)
/// places under art. 278 item (9), "other major matters of common ownership and management", voted community-wide.
/// </summary>
public static class PublicIncomeResolutions
{
    public const OwnersMatter Matter = OwnersMatter.OtherMajorMatter;

    /// <summary>The owners' share of net public income in whole percent (0–100).</summary>
    public const string OwnersSharePercentTerm = "publicIncomeOwnersSharePercent";

    /// <summary>The most, in fen, that covers of fee shortfalls may take from the owners' share under the resolution.</summary>
    public const string ShortfallCoverLimitTerm = "feeShortfallCoverLimitFen";

    public static ResolutionRefusal MayDispose(OwnersMatter matter, VoteScopeKind scope) =>
        scope != VoteScopeKind.Community ? ResolutionRefusal.NotCommunityWide
        : matter != Matter ? ResolutionRefusal.WrongMatter
        : ResolutionRefusal.None;

    /// <summary>The split a resolution sets, or why it sets none (<see cref="ResolutionRefusal.TermMissing"/>: not about one).</summary>
    public static ResolutionRefusal Split(
        OwnersMatter matter, VoteScopeKind scope, IReadOnlyDictionary<string, string> terms, out int ownersSharePercent)
    {
        ownersSharePercent = 100;
        if (!terms.TryGetValue(OwnersSharePercentTerm, out var text)
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) || percent > 100)
        {
            return ResolutionRefusal.TermMissing;
        }

        ownersSharePercent = percent;
        return MayDispose(matter, scope);
    }

    /// <summary>The cover limit a resolution agreed, or null when it names none (or a malformed one).</summary>
    public static long? ShortfallCoverLimitFen(IReadOnlyDictionary<string, string> terms) =>
        terms.TryGetValue(ShortfallCoverLimitTerm, out var text)
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var fen) && fen > 0
            ? fen
            : null;
}
