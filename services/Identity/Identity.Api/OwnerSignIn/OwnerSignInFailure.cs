namespace Platform.Identity.Api.OwnerSignIn;

/// <summary>One wrong code at the token endpoint, counted against its phone, its caller's address and the total.</summary>
public sealed class OwnerSignInFailure
{
    private OwnerSignInFailure()
    {
    }

    public Guid Id { get; private set; }

    public string PhoneHash { get; private set; } = "";

    public string ClientAddress { get; private set; } = "";

    public DateTimeOffset FailedAt { get; private set; }

    public static OwnerSignInFailure Record(string phoneHash, string clientAddress, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        PhoneHash = phoneHash,
        ClientAddress = clientAddress,
        FailedAt = now,
    };
}
