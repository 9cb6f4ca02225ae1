using System.Security.Cryptography;
using System.Text;

namespace Platform.Governance.Api.Registry;

/// <summary>
/// Keyed hash (HMAC-SHA256) of an ID number or credit code: recognises the same owner across units
/// without storing the number. The key is a secret ("Registry:IdentityHashKey").
/// </summary>
public sealed class OwnerIdentityHasher(byte[] key)
{
    public static OwnerIdentityHasher FromConfiguration(IConfiguration configuration)
    {
        var key = configuration["Registry:IdentityHashKey"];
        if (string.IsNullOrWhiteSpace(key) || key.Length < 32)
        {
            throw new InvalidOperationException(
                "Registry:IdentityHashKey must be set to a secret of at least 32 characters (Kubernetes: Registry__IdentityHashKey).");
        }

        return new OwnerIdentityHasher(Encoding.UTF8.GetBytes(key));
    }

    public string Hash(string normalizedIdentity) =>
        Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalizedIdentity)));
}
