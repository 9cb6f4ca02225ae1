using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Funds.Domain.Repairs;

namespace Platform.Funds.Api.Repairs;

internal sealed class DisbursementConfiguration : IEntityTypeConfiguration<Disbursement>
{
    public void Configure(EntityTypeBuilder<Disbursement> builder)
    {
        builder.ToTable("disbursements");
        builder.Property(d => d.BankReference).HasMaxLength(100);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.RequestedBy).HasMaxLength(100);
        builder.Property(d => d.DecidedBy).HasMaxLength(100);
        builder.Property(d => d.RefusalReason).HasMaxLength(500);
        builder.Property(d => d.Version).IsRowVersion();
        builder.Ignore(d => d.AwaitsCountersignature);
        builder.Ignore(d => d.IsToBeBooked);
        builder.HasIndex(d => new { d.Status, d.RequestedAt });
        builder.HasIndex(d => d.ProjectId);
        // A bank reference pays once: refused requests give theirs back.
        builder.HasIndex(d => d.BankReference).IsUnique().HasFilter("status <> 'Refused'");
    }
}

internal sealed class SecondSignatureThresholdConfiguration : IEntityTypeConfiguration<SecondSignatureThreshold>
{
    /// <summary>The default the migration seeds, in force from before any payment the platform books.</summary>
    public static readonly Guid DefaultId = new("0193a1c0-0000-7000-8000-00000000c051");

    public void Configure(EntityTypeBuilder<SecondSignatureThreshold> builder)
    {
        builder.ToTable("second_signature_thresholds");
        builder.Property(t => t.SetBy).HasMaxLength(100);
        builder.HasIndex(t => new { t.EffectiveFrom, t.SetAt });
        builder.HasData(new
        {
            Id = DefaultId, ThresholdFen = SecondSignatureThreshold.DefaultFen, EffectiveFrom = new DateOnly(2000, 1, 1),
            SetBy = "county default (docs/funds.md)", SetAt = new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero),
        });
    }
}
