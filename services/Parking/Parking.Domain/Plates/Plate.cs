using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Parking.Domain.Plates;

/// <summary>
/// A mainland licence plate (GA 36-2018) in its canonical form: province character, issuing-office letter, then five
/// characters (seven in all) or, for new-energy vehicles, six (eight in all). Separators a camera or a clerk adds
/// ("粤B·12345", "粤B 12345", "粤b-12345") are dropped and letters upper-cased. I and O never appear (they read as 1 and 0).
/// </summary>
public static partial class Plate
{
    private const string Provinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

    [GeneratedRegex("^[" + Provinces + "][A-HJ-NP-Z](?:[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]|[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF])$")]
    private static partial Regex Canonical();

    /// <summary>The canonical plate, or null when <paramref name="raw"/> is not a plate.</summary>
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 20)
        {
            return null;
        }

        var plate = new StringBuilder(8);
        foreach (var c in raw.Trim())
        {
            if (c is ' ' or '·' or '•' or '-' or '.' or '\u00B7')
            {
                continue;
            }

            plate.Append(char.ToUpperInvariant(c));
        }

        var text = plate.ToString();
        return Canonical().IsMatch(text) ? text : null;
    }
}
