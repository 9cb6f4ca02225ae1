using Platform.Contracts.Events;
using Platform.Contracts.Kernel.People;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Registry;

public sealed record TownshipResponse(Guid Id, string Name, string Code);

public sealed record PropertyCompanyResponse(Guid Id, string Name, string UnifiedSocialCreditCode);

public sealed record CommunityResponse(
    Guid Id, Guid TownshipId, string Name, string Address, Guid? PropertyCompanyId, DateOnly? PropertyCompanySince,
    int StarLevel, bool IsOldCommunity)
{
    public static CommunityResponse From(Community c) =>
        new(c.Id, c.TownshipId, c.Name, c.Address, c.PropertyCompanyId, c.PropertyCompanySince, c.StarLevel, c.IsOldCommunity);
}

public sealed record BuildingResponse(Guid Id, Guid CommunityId, string Number);

public sealed record UnitResponse(
    Guid Id, Guid CommunityId, Guid BuildingId, string Number, decimal ExclusiveArea, UnitUse Use, AreaSource AreaSource)
{
    public static UnitResponse From(Unit u) => new(u.Id, u.CommunityId, u.BuildingId, u.Number, u.ExclusiveArea, u.Use, u.AreaSource);
}

/// <summary>An owner as the registry shows it: the ID number masked, the phone masked.</summary>
public sealed record OwnerResponse(Guid Id, OwnerKind Kind, string Name, string MaskedIdentity, string? MaskedPhone)
{
    public static OwnerResponse From(Owner o) =>
        new(o.Id, o.Kind, o.Name, o.MaskedIdentity, o.Phone is null ? null : MobileNumber.Mask(o.Phone));
}

public sealed record OwnershipResponse(Guid Id, Guid UnitId, Guid OwnerId, DateOnly Since, DateOnly? Until);
