using System.Text.RegularExpressions;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Kernel.People;
using Platform.ElderCare.Api.Protection;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Api.Elders;

public static partial class ElderFields
{
    public const int MaxContacts = 5;
    public const int MaxNotes = 2000;

    [GeneratedRegex(@"^\+?[0-9][0-9 -]{4,19}$")]
    public static partial Regex Phone();

    public static void ValidateCare(ValidationErrors errors, AbilityLevel? abilityLevel, DateOnly? assessedOn, string? assessor, string? healthNotes,
        string? careNeeds, EmergencyContactRequest[]? contacts)
    {
        errors.Defined("abilityLevel", abilityLevel).Required("assessor", assessor, 100).Optional("healthNotes", healthNotes, MaxNotes)
            .Optional("careNeeds", careNeeds, MaxNotes);
        if (assessedOn is null)
        {
            errors.Add("assessedOn", "error.required");
        }

        if (contacts is null or { Length: 0 })
        {
            errors.Add("emergencyContacts", "error.required");
            return;
        }

        if (contacts.Length > MaxContacts)
        {
            errors.Add("emergencyContacts", "error.too_many_items", MaxContacts);
            return;
        }

        for (var i = 0; i < contacts.Length; i++)
        {
            var field = $"emergencyContacts[{i}]";
            if (contacts[i] is not { } contact)
            {
                errors.Add(field, "error.required");
                continue;
            }

            errors.Required($"{field}.name", contact.Name, 50).Required($"{field}.relation", contact.Relation, 20).Matches($"{field}.phone", contact.Phone, Phone());
        }
    }
}

public sealed record EmergencyContactRequest(string? Name, string? Relation, string? Phone);

public sealed record ConsentRequest(string? ConsentedBy, DateOnly? ConsentedOn, string? Purpose);

/// <summary>Who acts for the person from now on (an owner id, as owners sign in), or nobody (null).</summary>
public sealed record ChangeGuardianRequest(Guid? GuardianOwnerId) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (GuardianOwnerId == Guid.Empty)
        {
            errors.Add("guardianOwnerId", "error.invalid_format");
        }
    }
}

/// <summary>Registers a person (Civil Affairs): where they live, how, their assessment, health notes and needs, and the consent to process them.</summary>
public sealed record RegisterElderRequest(
    string? Name, string? IdNumber, Guid? UnitId, string? Address, LivingSituation? LivingSituation, EmergencyContactRequest[]? EmergencyContacts,
    AbilityLevel? AbilityLevel, DateOnly? AssessedOn, string? Assessor, string? HealthNotes, string? CareNeeds, Guid? ResidentOwnerId, Guid? GuardianOwnerId,
    ConsentRequest? Consent) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Required("name", Name, 50).Defined("livingSituation", LivingSituation).Optional("address", Address, 300);
        if (string.IsNullOrWhiteSpace(IdNumber))
        {
            errors.Add("idNumber", "error.required");
        }
        else if (!ResidentIdNumber.IsValid(IdNumber))
        {
            errors.Add("idNumber", "error.invalid_id_number");
        }

        if (UnitId is null && string.IsNullOrWhiteSpace(Address))
        {
            errors.Add("address", "error.unit_or_address");
        }

        if (UnitId == Guid.Empty)
        {
            errors.Add("unitId", "error.unknown_reference");
        }

        ElderFields.ValidateCare(errors, AbilityLevel, AssessedOn, Assessor, HealthNotes, CareNeeds, EmergencyContacts);
        if (Consent is null)
        {
            errors.Add("consent", "error.required");
        }
        else
        {
            errors.Required("consent.consentedBy", Consent.ConsentedBy, 100).Required("consent.purpose", Consent.Purpose, 200);
            if (Consent.ConsentedOn is null)
            {
                errors.Add("consent.consentedOn", "error.required");
            }
        }
    }
}

/// <summary>A new assessment and care record (Civil Affairs); every sensitive field is written again with the current key.</summary>
public sealed record UpdateCareRecordRequest(
    AbilityLevel? AbilityLevel, DateOnly? AssessedOn, string? Assessor, string? HealthNotes, string? CareNeeds, EmergencyContactRequest[]? EmergencyContacts)
    : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => ElderFields.ValidateCare(errors, AbilityLevel, AssessedOn, Assessor, HealthNotes, CareNeeds, EmergencyContacts);
}

public sealed record ListEldersQuery(Guid? CommunityId);

public sealed record CareRecordQuery(AccessPurpose? Purpose);

public sealed record ConsentResponse(string ConsentedBy, DateOnly ConsentedOn, string Purpose);

/// <summary>A profile without its sensitive fields: what community workers, guardians and the providers of active orders work with.</summary>
public sealed record ElderResponse(
    Guid Id, Guid CommunityId, Guid? UnitId, string? Address, string Name, string MaskedIdNumber, LivingSituation LivingSituation, Guid? ResidentOwnerId,
    Guid? GuardianOwnerId, ConsentResponse Consent, DateTimeOffset RegisteredAt, DateTimeOffset UpdatedAt)
{
    public static ElderResponse From(ElderProfile e) => new(e.Id, e.CommunityId, e.UnitId, e.Address, e.Name, e.MaskedIdNumber, e.LivingSituation,
        e.ResidentOwnerId, e.GuardianOwnerId, new ConsentResponse(e.ConsentedBy, e.ConsentedOn, e.ConsentPurpose), e.RegisteredAt, e.UpdatedAt);
}

/// <summary>The sensitive fields (护理档案): every read of it is in the access log.</summary>
public sealed record CareRecordResponse(
    Guid ElderId, string IdNumber, AbilityLevel AbilityLevel, DateOnly AssessedOn, string Assessor, string? HealthNotes, string? CareNeeds,
    IReadOnlyList<EmergencyContact> EmergencyContacts, AccessPurpose LoggedAs);
