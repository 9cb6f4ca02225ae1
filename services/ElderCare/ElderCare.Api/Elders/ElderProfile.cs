using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Api.Elders;

/// <summary>
/// An elderly resident's profile (老年人档案). The health fields, the ID number and the emergency contacts are stored
/// only as ciphertext (<see cref="Protection.SensitiveFieldProtector"/>); the ability level stays in clear because
/// subsidies and the county's aggregate dashboards are computed from it, but it is shown only with the care record.
/// </summary>
public sealed class ElderProfile
{
    public const string IdNumberField = "idNumber";
    public const string HealthNotesField = "healthNotes";
    public const string CareNeedsField = "careNeeds";
    public const string EmergencyContactsField = "emergencyContacts";
    public const string AbilityLevelField = "abilityLevel";

    /// <summary>What a care-record read reveals, as the access log names it.</summary>
    public static readonly IReadOnlyList<string> SensitiveFields = [IdNumberField, AbilityLevelField, HealthNotesField, CareNeedsField, EmergencyContactsField];

    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    /// <summary>The home in the registry, when the person lives in a registered unit.</summary>
    public Guid? UnitId { get; set; }

    /// <summary>The address of a person who is not in a registered unit (a tenant, living with family).</summary>
    public string? Address { get; set; }

    public required string Name { get; set; }

    /// <summary>First six and last four characters, for telling people apart on screen.</summary>
    public required string MaskedIdNumber { get; init; }

    /// <summary>Keyed hash of the normalized ID number: one profile per person.</summary>
    public required string IdNumberIndex { get; init; }

    public required string IdNumberCiphertext { get; set; }

    public LivingSituation LivingSituation { get; set; }

    public required string EmergencyContactsCiphertext { get; set; }

    public AbilityLevel AbilityLevel { get; set; }

    public DateOnly AssessedOn { get; set; }

    public required string Assessor { get; set; }

    public string? HealthNotesCiphertext { get; set; }

    public string? CareNeedsCiphertext { get; set; }

    /// <summary>The person's own registry id when they are an owner (their owner token then reaches their record).</summary>
    public Guid? ResidentOwnerId { get; set; }

    /// <summary>The guardian's registry id (监护人); their owner token reaches the record.</summary>
    public Guid? GuardianOwnerId { get; set; }

    public required string ConsentedBy { get; init; }

    public DateOnly ConsentedOn { get; init; }

    public required string ConsentPurpose { get; init; }

    public required string RegisteredBy { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }
}

/// <summary>An emergency contact (紧急联系人), stored encrypted with the profile.</summary>
public sealed record EmergencyContact(string Name, string Relation, string Phone);

internal sealed class ElderProfileConfiguration : IEntityTypeConfiguration<ElderProfile>
{
    public void Configure(EntityTypeBuilder<ElderProfile> builder)
    {
        builder.ToTable("elder_profiles");
        builder.Property(e => e.Address).HasMaxLength(300);
        builder.Property(e => e.Name).HasMaxLength(50);
        builder.Property(e => e.MaskedIdNumber).HasMaxLength(18);
        builder.Property(e => e.IdNumberIndex).HasMaxLength(64);
        builder.Property(e => e.LivingSituation).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.AbilityLevel).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Assessor).HasMaxLength(100);
        builder.Property(e => e.ConsentedBy).HasMaxLength(100);
        builder.Property(e => e.ConsentPurpose).HasMaxLength(200);
        builder.Property(e => e.RegisteredBy).HasMaxLength(200);
        builder.Property(e => e.Version).IsRowVersion();
        builder.HasIndex(e => e.IdNumberIndex).IsUnique();
        builder.HasIndex(e => e.CommunityId);
        builder.HasIndex(e => e.GuardianOwnerId);
        builder.HasIndex(e => e.ResidentOwnerId);
    }
}
