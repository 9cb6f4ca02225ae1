using System.Text.Json.Serialization;

namespace Platform.DemoSeed;

// The governance registry's REST shapes, as the seed sends and reads them (services/Governance/Governance.Api/Registry).

[JsonConverter(typeof(JsonStringEnumConverter<OwnerKind>))]
public enum OwnerKind
{
    Person,
    Developer,
    Organisation,
}

[JsonConverter(typeof(JsonStringEnumConverter<UnitUse>))]
public enum UnitUse
{
    Residential,
    Commercial,
    Office,
    ParkingSpace,
    Storage,
    Other,
}

[JsonConverter(typeof(JsonStringEnumConverter<AreaSource>))]
public enum AreaSource
{
    Register,
    Survey,
    Contract,
}

public sealed record RegisterTownship(string Name, string Code);

public sealed record Township(Guid Id, string Name, string Code);

public sealed record RegisterPropertyCompany(string Name, string UnifiedSocialCreditCode);

public sealed record PropertyCompany(Guid Id, string Name, string UnifiedSocialCreditCode);

public sealed record RegisterCommunity(Guid TownshipId, string Name, string Address, Guid? PropertyCompanyId, int StarLevel, bool IsOldCommunity);

public sealed record Community(Guid Id, Guid TownshipId, string Name, string Address, Guid? PropertyCompanyId, int StarLevel, bool IsOldCommunity);

public sealed record RegisterOwner(OwnerKind Kind, string Name, string IdNumber, string? Phone);

public sealed record Owner(Guid Id, OwnerKind Kind, string Name);

public sealed record RegisterBuilding(string Number);

public sealed record Building(Guid Id, Guid CommunityId, string Number);

public sealed record RegisterUnit(
    Guid BuildingId, string Number, decimal ExclusiveArea, UnitUse Use, AreaSource AreaSource, Guid OwnerId, DateOnly OwnedSince);

public sealed record Unit(Guid Id, Guid CommunityId, Guid BuildingId, string Number, decimal ExclusiveArea, UnitUse Use);

public sealed record UnitPage(List<Unit> Items, int Total);

public sealed record RegisterImportResult(int Rows, int BuildingsCreated, int UnitsCreated, int UnitsUnchanged, int OwnersCreated);

/// <summary>RFC 9457 problem details, with the validation errors when there are any.</summary>
public sealed record Problem(string? Type, string? Title, string? Detail, Dictionary<string, string[]>? Errors)
{
    public override string ToString() =>
        string.Join(" ", new[] { Title, Detail }.Where(text => !string.IsNullOrEmpty(text)))
        + (Errors is { Count: > 0 } ? " " + string.Join("; ", Errors.Select(error => $"{error.Key}: {string.Join(", ", error.Value)}")) : "");
}
