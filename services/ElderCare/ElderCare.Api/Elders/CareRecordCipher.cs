using System.Text.Json;
using Platform.ElderCare.Api.Protection;

namespace Platform.ElderCare.Api.Elders;

/// <summary>Writes and reads a profile's sensitive fields through the protector; the only place their plaintext exists.</summary>
public sealed class CareRecordCipher(SensitiveFieldProtector protector)
{
    public string SealIdNumber(Guid elderId, string normalizedIdNumber) => protector.Protect(normalizedIdNumber, elderId, ElderProfile.IdNumberField);

    public string IdNumberIndex(string normalizedIdNumber) => protector.Index(normalizedIdNumber);

    /// <summary>Sets the health fields and contacts, encrypted with the current key.</summary>
    public void SealCare(ElderProfile profile, string? healthNotes, string? careNeeds, IEnumerable<EmergencyContactRequest> contacts)
    {
        profile.HealthNotesCiphertext = Seal(profile.Id, ElderProfile.HealthNotesField, healthNotes);
        profile.CareNeedsCiphertext = Seal(profile.Id, ElderProfile.CareNeedsField, careNeeds);
        var list = contacts.Select(c => new EmergencyContact(c.Name!.Trim(), c.Relation!.Trim(), c.Phone!.Trim())).ToList();
        profile.EmergencyContactsCiphertext = protector.Protect(JsonSerializer.Serialize(list), profile.Id, ElderProfile.EmergencyContactsField);
    }

    /// <summary>Writes the ID number again with the current key (a rotation, or a new care record).</summary>
    public void ResealIdNumber(ElderProfile profile) =>
        profile.IdNumberCiphertext = SealIdNumber(profile.Id, protector.Unprotect(profile.IdNumberCiphertext, profile.Id, ElderProfile.IdNumberField));

    public CareRecordResponse Open(ElderProfile profile, AccessPurpose purpose) => new(
        profile.Id,
        protector.Unprotect(profile.IdNumberCiphertext, profile.Id, ElderProfile.IdNumberField),
        profile.AbilityLevel,
        profile.AssessedOn,
        profile.Assessor,
        Open(profile.Id, ElderProfile.HealthNotesField, profile.HealthNotesCiphertext),
        Open(profile.Id, ElderProfile.CareNeedsField, profile.CareNeedsCiphertext),
        JsonSerializer.Deserialize<List<EmergencyContact>>(protector.Unprotect(profile.EmergencyContactsCiphertext, profile.Id, ElderProfile.EmergencyContactsField)) ?? [],
        purpose);

    /// <summary>Writes every sensitive field of the profile again with the current key (key rotation).</summary>
    public void Reseal(ElderProfile profile)
    {
        var record = Open(profile, AccessPurpose.Supervision);
        SealCare(profile, record.HealthNotes, record.CareNeeds, record.EmergencyContacts.Select(c => new EmergencyContactRequest(c.Name, c.Relation, c.Phone)));
        ResealIdNumber(profile);
    }

    public string CurrentKeyId => protector.CurrentKeyId;

    /// <summary>Every key id the profile's sensitive fields are written with.</summary>
    public static IEnumerable<string> KeyIds(ElderProfile profile) =>
        new[] { profile.IdNumberCiphertext, profile.EmergencyContactsCiphertext, profile.HealthNotesCiphertext, profile.CareNeedsCiphertext }
            .OfType<string>().Select(SensitiveFieldProtector.KeyIdOf).Distinct();

    private string? Seal(Guid id, string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : protector.Protect(value.Trim(), id, field);

    private string? Open(Guid id, string field, string? value) => value is null ? null : protector.Unprotect(value, id, field);
}
