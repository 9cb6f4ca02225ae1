using Platform.BuildingBlocks.Validation;
using Platform.Governance.Domain.Registry;
using Platform.Contracts.Kernel.People;

namespace Platform.Governance.Api.Registry;

/// <summary>Field rules shared by the single-record API and the CSV import, so both refuse the same input.</summary>
public static class RegistryRules
{
    public const decimal MaxArea = 9_999_999_999.99m;

    public static void ValidateArea(ValidationErrors errors, string field, decimal? area)
    {
        if (area is null)
        {
            errors.Add(field, "error.required");
        }
        else if (area <= 0 || area > MaxArea)
        {
            errors.Add(field, "error.must_be_positive");
        }
        else if (decimal.Round(area.Value, 2) != area.Value)
        {
            errors.Add(field, "error.too_many_decimals", 2);
        }
    }

    /// <summary>A person gives a resident ID number; a developer or organisation its unified social credit code.</summary>
    public static void ValidateIdentity(ValidationErrors errors, string field, OwnerKind? kind, string? identity)
    {
        if (string.IsNullOrWhiteSpace(identity))
        {
            errors.Add(field, "error.required");
            return;
        }

        var valid = kind == OwnerKind.Person
            ? ResidentIdNumber.IsValid(identity)
            : UnifiedSocialCreditCode.IsValid(identity.Trim().ToUpperInvariant());
        if (!valid)
        {
            errors.Add(field, "error.invalid_format");
        }
    }

    /// <summary>A person needs a mobile number to sign in; an organisation may leave it empty.</summary>
    public static void ValidatePhone(ValidationErrors errors, string field, OwnerKind? kind, string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            if (kind == OwnerKind.Person)
            {
                errors.Add(field, "error.required");
            }

            return;
        }

        if (!MobileNumber.IsValid(phone))
        {
            errors.Add(field, "error.invalid_format");
        }
    }

    public static string NormalizeIdentity(OwnerKind kind, string identity) =>
        kind == OwnerKind.Person ? ResidentIdNumber.Normalize(identity) : identity.Trim().ToUpperInvariant();

    public static string MaskIdentity(OwnerKind kind, string normalized) =>
        kind == OwnerKind.Person ? ResidentIdNumber.Mask(normalized) : normalized;
}
