using System.Security.Cryptography;
using System.Text;

namespace Platform.Identity.Api.OwnerSignIn;

/// <summary>
/// One request for an owner sign-in code, kept for rate limiting whether or not the phone belongs to an
/// owner. When it does, the code itself is kept only as a salted hash; it is good for five minutes, five
/// attempts and one sign-in, and only the phone's latest request counts. The phone is kept hashed too.
/// </summary>
public sealed class OwnerSignInCode
{
    public const int Digits = 6;
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private OwnerSignInCode()
    {
    }

    public Guid Id { get; private set; }

    public string PhoneHash { get; private set; } = "";

    /// <summary>Null when the phone is not (uniquely) an owner's: nothing was sent and nothing can be redeemed.</summary>
    public Guid? OwnerId { get; private set; }

    public byte[]? CodeSalt { get; private set; }

    public byte[]? CodeHash { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public int FailedAttempts { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public static string HashPhone(string phone) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"platform-identity-phone:{phone}")));

    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString($"D{Digits}", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A request for a phone that is no owner's: counted, never redeemable.</summary>
    public static OwnerSignInCode Unmatched(string phoneHash, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        PhoneHash = phoneHash,
        RequestedAt = now,
        ExpiresAt = now,
    };

    public static OwnerSignInCode Issue(string phoneHash, Guid ownerId, string code, DateTimeOffset now)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new OwnerSignInCode
        {
            Id = Guid.CreateVersion7(now),
            PhoneHash = phoneHash,
            OwnerId = ownerId,
            CodeSalt = salt,
            CodeHash = Hash(salt, code),
            RequestedAt = now,
            ExpiresAt = now + Lifetime,
        };
    }

    /// <summary>One attempt at the code: the owner on success (the code is then used up), else null and one attempt fewer.</summary>
    public Guid? Redeem(string code, DateTimeOffset now)
    {
        if (OwnerId is not { } owner || CodeSalt is null || CodeHash is null || UsedAt is not null || now >= ExpiresAt || FailedAttempts >= MaxAttempts)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(Hash(CodeSalt, code), CodeHash))
        {
            FailedAttempts++;
            return null;
        }

        UsedAt = now;
        return owner;
    }

    private static byte[] Hash(byte[] salt, string code) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(code)]);
}
