namespace Platform.Contracts.Kernel.People;

/// <summary>
/// 居民身份证号码 (GB 11643-1999): 17 digits and a check character. The platform never stores the
/// number itself: only its masked form for display and a keyed hash to recognise the same person.
/// </summary>
public static class ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static string Normalize(string value) => value.Trim().ToUpperInvariant();

    public static bool IsValid(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var number = Normalize(value);
        if (number.Length != 18)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(number[i]))
            {
                return false;
            }

            sum += (number[i] - '0') * Weights[i];
        }

        return number[17] == CheckCharacters[sum % 11];
    }

    /// <summary>Keeps the first six (region) and last four characters: 110101********123X.</summary>
    public static string Mask(string value)
    {
        var number = Normalize(value);
        return number.Length <= 10 ? new string('*', number.Length) : number[..6] + new string('*', number.Length - 10) + number[^4..];
    }
}
