using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Governance.Domain.Problems;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Infrastructure.Configurations;

internal sealed class CampaignProblemConfiguration : IEntityTypeConfiguration<CampaignProblem>
{
    public void Configure(EntityTypeBuilder<CampaignProblem> builder)
    {
        builder.ToTable("problems");
        builder.Property(p => p.Category).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.Description).HasMaxLength(2000);
        builder.Property(p => p.ResponsibleParty).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.ResponsiblePartyName).HasMaxLength(200);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.RecordedBy).HasMaxLength(100);
        builder.Property(p => p.FinishedBy).HasMaxLength(100);
        builder.Property(p => p.FinishingNote).HasMaxLength(2000);
        builder.Property(p => p.Version).IsRowVersion();
        builder.Ignore(p => p.IsFinished);
        builder.Ignore(p => p.CanReportFix);
        builder.Ignore(p => p.PendingFix);
        builder.HasIndex(p => new { p.CommunityId, p.Status });
        builder.HasIndex(p => new { p.Status, p.Deadline });
        builder.HasMany(p => p.Fixes).WithOne().HasForeignKey(f => f.ProblemId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(p => p.Fixes).HasField("_fixes").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Community>().WithMany().HasForeignKey(p => p.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PropertyCompany>().WithMany().HasForeignKey(p => p.ResponsibleCompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProblemFixConfiguration : IEntityTypeConfiguration<ProblemFix>
{
    public void Configure(EntityTypeBuilder<ProblemFix> builder)
    {
        builder.ToTable("problem_fixes");
        builder.Property(f => f.Description).HasMaxLength(2000);
        builder.Property(f => f.Organisation).HasMaxLength(40);
        builder.Property(f => f.ReportedBy).HasMaxLength(100);
        builder.Property(f => f.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.ReviewNote).HasMaxLength(2000);
    }
}
