using System.Security.Cryptography;
using System.Text;

namespace Platform.Identity.Api.OwnerSignIn;

/// <summary>
/// One code sent to an owner's phone, or a request for a phone that is no owner's (kept so that both count
/// alike towards the phone's limit). The code is kept only as a salted hash and is good for five minutes
/// and one sign-in; a newer code voids none of the older ones. The phone is kept hashed.
/// </summary>
public sealed class OwnerSignInCode
{
    public const int Digits = 6;
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

    public DateTimeOffset? UsedAt { get; private set; }

    public static string HashPhone(string phone) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"platform-identity-phone:{phone}")));

    public static string NewCode() =>
        RandomNumberGenerator.GetInt32(0, 1_000_000).ToString($"D{Digits}", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A request for a phone that is no owner's: counted, never redeemable.</summary>
    public static OwnerSignInCode Unmatched(string phoneHash, DateTimeOffset requestedAt) => new()
    {
        Id = Guid.CreateVersion7(requestedAt),
        PhoneHash = phoneHash,
        RequestedAt = requestedAt,
        ExpiresAt = requestedAt,
    };

    /// <summary>A code for the owner, good for <see cref="Lifetime"/> from when it was asked for.</summary>
    public static OwnerSignInCode Issue(string phoneHash, Guid ownerId, string code, DateTimeOffset requestedAt)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new OwnerSignInCode
        {
            Id = Guid.CreateVersion7(requestedAt),
            PhoneHash = phoneHash,
            OwnerId = ownerId,
            CodeSalt = salt,
            CodeHash = Hash(salt, code),
            RequestedAt = requestedAt,
            ExpiresAt = requestedAt + Lifetime,
        };
    }

    public bool IsLive(DateTimeOffset now) => OwnerId is not null && CodeHash is not null && UsedAt is null && now < ExpiresAt;

    /// <summary>Whether <paramref name="code"/> is this code and it is still good.</summary>
    public bool Accepts(string code, DateTimeOffset now) =>
        IsLive(now) && CryptographicOperations.FixedTimeEquals(Hash(CodeSalt!, code), CodeHash);

    /// <summary>The code signed its owner in, or another code of the same phone did: it is good for nothing more.</summary>
    public void UseUp(DateTimeOffset now) => UsedAt ??= now;

    private static byte[] Hash(byte[] salt, string code) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(code)]);
}
