namespace Platform.ElderCare.Domain.Care;

/// <summary>Who acts on an order, as the care-order rules tell callers apart.</summary>
public enum CareCallerRole
{
    /// <summary>Anyone else: another department, a property company without care, an owner with no person in care.</summary>
    None,

    /// <summary>The person, or their guardian, by owner token.</summary>
    PersonOrGuardian,

    /// <summary>A community worker of the township (街道).</summary>
    CommunityWorker,

    /// <summary>The county's Civil Affairs bureau (民政).</summary>
    CivilAffairs,

    /// <summary>A care provider's organisation: a care firm, or a property company under "property + care".</summary>
    Provider,
}

/// <summary>A caller of a care-order transition: its role and, for a provider's organisation, the providers it runs.</summary>
public sealed record CareCaller(CareCallerRole Role, IReadOnlyCollection<Guid> ProviderIds)
{
    public static CareCaller PersonOrGuardian { get; } = new(CareCallerRole.PersonOrGuardian, []);

    public static CareCaller CommunityWorker { get; } = new(CareCallerRole.CommunityWorker, []);

    public static CareCaller CivilAffairs { get; } = new(CareCallerRole.CivilAffairs, []);

    public static CareCaller Nobody { get; } = new(CareCallerRole.None, []);

    public static CareCaller ProviderRunning(params Guid[] providerIds) => new(CareCallerRole.Provider, providerIds);

    /// <summary>Orders, cancels and rates for a person it can see; never a provider.</summary>
    public bool MayOrder => Role is CareCallerRole.PersonOrGuardian or CareCallerRole.CommunityWorker or CareCallerRole.CivilAffairs;

    /// <summary>Records what the community did about an escalated order; not the provider, not the family.</summary>
    public bool MayFollowUp => Role is CareCallerRole.CommunityWorker or CareCallerRole.CivilAffairs;

    /// <summary>Runs the provider the order is with: accepts, declines and records the visit.</summary>
    public bool Holds(CareOrder order) => Role == CareCallerRole.Provider && order.ProviderId is { } id && ProviderIds.Contains(id);
}
