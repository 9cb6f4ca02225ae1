namespace Platform.Governance.Domain.Registry;

public enum OwnerKind
{
    Person,
    /// <summary>The developer: its unsold units count together as one owner in votes.</summary>
    Developer,
    Organisation,
}

/// <summary>
/// 业主: a person or organisation owning units. For a person only the masked ID number and a keyed
/// hash of it are stored (the hash recognises the same person across units: one person, one vote).
/// </summary>
public sealed class Owner
{
    private Owner()
    {
    }

    public Owner(Guid id, OwnerKind kind, string name, string identityHash, string maskedIdentity, string? phone)
    {
        Id = id;
        Kind = kind;
        Name = name;
        IdentityHash = identityHash;
        MaskedIdentity = maskedIdentity;
        Phone = phone;
    }

    public Guid Id { get; private set; }

    public OwnerKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>HMAC of the ID number (person) or unified social credit code (organisation).</summary>
    public string IdentityHash { get; private set; } = "";

    /// <summary>Masked ID number for a person; the full credit code for an organisation (public data).</summary>
    public string MaskedIdentity { get; private set; } = "";

    /// <summary>Mobile number for one-time sign-in codes; shown masked.</summary>
    public string? Phone { get; private set; }
}
