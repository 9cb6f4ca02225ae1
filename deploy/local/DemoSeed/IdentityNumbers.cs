namespace Platform.DemoSeed;

/// <summary>Valid-looking, made-up identity numbers: the registry checks their check characters.</summary>
public static class IdentityNumbers
{
    private static readonly int[] ResidentIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string ResidentIdCheck = "10X98765432";
    private const string CreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>居民身份证号码 (GB 11643-1999): region, birth date, sequence, check character.</summary>
    public static string ResidentId(string region, DateOnly birth, int sequence)
    {
        var body = $"{region}{birth:yyyyMMdd}{sequence:000}";
        if (body.Length != 17 || !body.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"'{body}' is not 17 digits", nameof(region));
        }

        var sum = body.Select((digit, i) => (digit - '0') * ResidentIdWeights[i]).Sum();
        return body + ResidentIdCheck[sum % 11];
    }

    /// <summary>统一社会信用代码 (GB 32100-2015): 17 characters and a check character.</summary>
    public static string CreditCode(string body)
    {
        var values = body.Select(c => CreditCodeAlphabet.IndexOf(c)).ToArray();
        if (body.Length != 17 || values.Any(value => value < 0))
        {
            throw new ArgumentException($"'{body}' is not 17 characters of the credit code alphabet", nameof(body));
        }

        var sum = values.Select((value, i) => value * CreditCodeWeights[i]).Sum();
        return body + CreditCodeAlphabet[(31 - sum % 31) % 31];
    }
}
