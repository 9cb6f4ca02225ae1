using System.Globalization;

namespace Platform.Governance.Tests;

/// <summary>Valid, made-up identity numbers (checksums computed), distinct per index.</summary>
public static class TestIdentities
{
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheck = "10X98765432";
    private const string CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>A resident ID number: region 360121, a birth date from 1950 on, a sequence, the check character.</summary>
    public static string ResidentId(int index)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(index / 1000);
        var body = "360121" + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (index % 1000).ToString("000", CultureInfo.InvariantCulture);
        var sum = body.Select((c, i) => (c - '0') * IdWeights[i]).Sum();
        return body + IdCheck[sum % 11];
    }

    /// <summary>A unified social credit code (GB 32100-2015) with a computed check character.</summary>
    public static string CreditCode(int index)
    {
        var body = "91360121" + index.ToString("000000000", CultureInfo.InvariantCulture);
        var sum = body.Select((c, i) => CreditAlphabet.IndexOf(c) * CreditWeights[i]).Sum();
        return body + CreditAlphabet[(31 - sum % 31) % 31];
    }

    public static string Phone(int index) => "139" + index.ToString("00000000", CultureInfo.InvariantCulture);
}
