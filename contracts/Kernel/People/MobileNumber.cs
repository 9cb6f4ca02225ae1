namespace Platform.Contracts.Kernel.People;

/// <summary>
/// Mainland mobile numbers (11 ASCII digits starting 13–19): where one-time sign-in codes are sent. The registry and identity
/// check them alike; full-width or other scripts' digits (which <see cref="char.IsDigit(char)"/> and regex \d accept) are refused.
/// </summary>
public static class MobileNumber
{
    public static bool IsValid(string? value) =>
        value is { Length: 11 } && value[0] == '1' && value[1] is >= '3' and <= '9' && value.All(char.IsAsciiDigit);

    public static string Mask(string phone) => phone.Length == 11 ? phone[..3] + "****" + phone[^4..] : "***";
}
