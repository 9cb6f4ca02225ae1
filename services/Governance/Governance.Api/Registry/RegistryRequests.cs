using System.Text.RegularExpressions;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Registry;

public sealed partial record RegisterTownshipRequest(string? Name, string? Code) : IValidatableRequest
{
    [GeneratedRegex("^[0-9]{9,12}$")]
    private static partial Regex DivisionCode();

    public void Validate(ValidationErrors errors) => errors
        .Required("name", Name, 100)
        .Matches("code", Code, DivisionCode());
}

public sealed record RegisterPropertyCompanyRequest(string? Name, string? UnifiedSocialCreditCode) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Required("name", Name);
        if (!Domain.Registry.UnifiedSocialCreditCode.IsValid(UnifiedSocialCreditCode))
        {
            errors.Add("unifiedSocialCreditCode", string.IsNullOrEmpty(UnifiedSocialCreditCode) ? "error.required" : "error.invalid_format");
        }
    }
}

public sealed record RegisterCommunityRequest(
    Guid? TownshipId, string? Name, string? Address, Guid? PropertyCompanyId, int? StarLevel, bool? IsOldCommunity) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors
        .RequiredId("townshipId", TownshipId)
        .Required("name", Name)
        .Required("address", Address, 300)
        .InRange("starLevel", StarLevel, Community.MinStarLevel, Community.MaxStarLevel);
}

public sealed record AssignPropertyCompanyRequest(Guid? PropertyCompanyId, DateOnly? Since) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.RequiredId("propertyCompanyId", PropertyCompanyId);
        if (Since is null)
        {
            errors.Add("since", "error.required");
        }
    }
}

public sealed record RegisterBuildingRequest(string? Number) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.Required("number", Number, 50);
}

public sealed record RegisterUnitRequest(
    Guid? BuildingId, string? Number, decimal? ExclusiveArea, UnitUse? Use, AreaSource? AreaSource,
    Guid? OwnerId, DateOnly? OwnedSince) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.RequiredId("buildingId", BuildingId)
            .Required("number", Number, 50)
            .Defined("use", Use)
            .Defined("areaSource", AreaSource)
            .RequiredId("ownerId", OwnerId);
        RegistryRules.ValidateArea(errors, "exclusiveArea", ExclusiveArea);
        if (OwnedSince is null)
        {
            errors.Add("ownedSince", "error.required");
        }
    }
}

public sealed record RegisterOwnerRequest(OwnerKind? Kind, string? Name, string? IdNumber, string? Phone) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Defined("kind", Kind).Required("name", Name);
        RegistryRules.ValidateIdentity(errors, "idNumber", Kind, IdNumber);
        RegistryRules.ValidatePhone(errors, "phone", Kind, Phone);
    }
}

/// <summary>A transfer names the seller as well as the buyer: it is refused if the seller no longer owns the unit.</summary>
public sealed record TransferOwnershipRequest(Guid? FromOwnerId, Guid? NewOwnerId, DateOnly? TransferDate) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.RequiredId("fromOwnerId", FromOwnerId).RequiredId("newOwnerId", NewOwnerId);
        if (TransferDate is null)
        {
            errors.Add("transferDate", "error.required");
        }
    }
}
