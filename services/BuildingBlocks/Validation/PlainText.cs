using System.Diagnostics.CodeAnalysis;

namespace Platform.BuildingBlocks.Validation;

/// <summary>
/// What the platform accepts as text: no control characters (C0 except tab and line breaks, DEL, C1), no lone surrogates;
/// a name must hold at least one visible character (zero-width and bidi marks are not).
/// </summary>
public static class PlainText
{
    /// <summary>The first character that no text field may hold, or null; tab, line feed and carriage return are allowed.</summary>
    public static char? FirstForbidden(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                return c;
            }
        }

        return null;
    }

    public static bool IsAllowed(string value) => FirstForbidden(value) is null;

    /// <summary>Whether a text holds only what <see cref="IsAllowed"/> allows, read in pieces (a surrogate pair may span two).</summary>
    public static async Task<bool> IsAllowedAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var piece = new char[PieceLength];
        var carried = 0;
        int read;
        while ((read = await reader.ReadAsync(piece.AsMemory(carried), cancellationToken)) > 0)
        {
            var length = carried + read;
            // A high surrogate ending the piece is judged with the character that follows it.
            carried = char.IsHighSurrogate(piece[length - 1]) ? 1 : 0;
            if (FirstForbidden(piece.AsSpan(0, length - carried)) is not null)
            {
                return false;
            }

            piece[0] = piece[length - 1];
        }

        return carried == 0;
    }

    /// <summary>How many characters <see cref="IsAllowedAsync"/> holds at a time.</summary>
    public const int PieceLength = 4096;

    /// <summary>True when nothing a reader could see is left once whitespace, zero-width and bidi formatting marks are removed.</summary>
    public static bool IsBlank([NotNullWhen(false)] string? value)
    {
        if (value is null)
        {
            return true;
        }

        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c) && !IsInvisibleMark(c) && !char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    // U+200B-U+200F zero-width and directional marks, U+202A-U+202E embeddings, U+2060-U+2064 word joiner and invisible
    // operators, U+2066-U+2069 isolates, U+FEFF byte-order mark, U+180E Mongolian vowel separator, U+3164/U+FFA0 Hangul fillers.
    private static bool IsInvisibleMark(char c) =>
        c is (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u2064')
            or (>= '\u2066' and <= '\u2069') or '\uFEFF' or '\u180E' or '\u3164' or '\uFFA0' or '\u034F' or '\u061C';
}
