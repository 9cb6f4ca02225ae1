using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Governance.Domain.Credit;
using Platform.Governance.Domain.Problems;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Infrastructure.Configurations;

internal sealed class CompanyCreditRecordConfiguration : IEntityTypeConfiguration<CompanyCreditRecord>
{
    public void Configure(EntityTypeBuilder<CompanyCreditRecord> builder)
    {
        builder.ToTable("company_credit_records");
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Reason).HasMaxLength(2000);
        builder.Property(r => r.Department).HasMaxLength(40);
        builder.Property(r => r.RecordedBy).HasMaxLength(100);
        builder.HasIndex(r => new { r.CompanyId, r.RecordedOn });
        builder.HasIndex(r => r.ProjectManagerId);
        // The problem list charges a company once per problem, whoever (sweep or review) gets there first.
        builder.HasIndex(r => r.ProblemId).IsUnique().HasFilter("problem_id IS NOT NULL");
        builder.HasOne<PropertyCompany>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProjectManager>().WithMany().HasForeignKey(r => r.ProjectManagerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Community>().WithMany().HasForeignKey(r => r.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CampaignProblem>().WithMany().HasForeignKey(r => r.ProblemId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProjectManagerConfiguration : IEntityTypeConfiguration<ProjectManager>
{
    public void Configure(EntityTypeBuilder<ProjectManager> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(100);
        builder.HasIndex(m => m.CompanyId);
        builder.HasOne<PropertyCompany>().WithMany().HasForeignKey(m => m.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Community>().WithMany().HasForeignKey(m => m.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BlacklistEntryConfiguration : IEntityTypeConfiguration<BlacklistEntry>
{
    public void Configure(EntityTypeBuilder<BlacklistEntry> builder)
    {
        builder.ToTable("blacklist_entries");
        builder.Property(e => e.Reason).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.Property(e => e.Department).HasMaxLength(40);
        builder.Property(e => e.RecordedBy).HasMaxLength(100);
        builder.HasIndex(e => new { e.CompanyId, e.From });
        builder.HasOne<PropertyCompany>().WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProjectManager>().WithMany().HasForeignKey(e => e.ProjectManagerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OwnerCreditRecordConfiguration : IEntityTypeConfiguration<OwnerCreditRecord>
{
    public void Configure(EntityTypeBuilder<OwnerCreditRecord> builder)
    {
        builder.ToTable("owner_credit_records");
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Category).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Note).HasMaxLength(2000);
        builder.Property(r => r.Organisation).HasMaxLength(40);
        builder.Property(r => r.RecordedBy).HasMaxLength(100);
        builder.HasIndex(r => new { r.OwnerId, r.RecordedOn });
        builder.HasIndex(r => r.CommunityId);
        builder.HasOne<Community>().WithMany().HasForeignKey(r => r.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Owner>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
