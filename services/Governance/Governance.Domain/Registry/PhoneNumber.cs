using System.Text.RegularExpressions;

namespace Platform.Governance.Domain.Registry;

/// <summary>Mainland mobile numbers (11 digits starting 13–19): where one-time sign-in codes are sent.</summary>
public static partial class PhoneNumber
{
    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    public static partial Regex Pattern();

    public static string Mask(string phone) => phone.Length == 11 ? phone[..3] + "****" + phone[^4..] : "***";
}
