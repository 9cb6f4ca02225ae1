using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Voting;

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.Property(p => p.Matter).HasConversion<string>().HasMaxLength(40);
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Text).HasMaxLength(20_000);
        builder.Property(p => p.RuleSetId).HasMaxLength(100);
        builder.Property(p => p.OpenedBy).HasMaxLength(100);
        builder.HasIndex(p => p.CommunityId);
        builder.HasOne<Community>().WithMany().HasForeignKey(p => p.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ElectorateMemberConfiguration : IEntityTypeConfiguration<ElectorateMember>
{
    public void Configure(EntityTypeBuilder<ElectorateMember> builder)
    {
        builder.ToTable("electorate_members");
        builder.HasKey(m => new { m.ProposalId, m.VoterId });
        builder.Property(m => m.VoterId).HasMaxLength(40);
        builder.HasOne<Proposal>().WithMany().HasForeignKey(m => m.ProposalId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BallotConfiguration : IEntityTypeConfiguration<Ballot>
{
    public void Configure(EntityTypeBuilder<Ballot> builder)
    {
        builder.Property(b => b.Sequence).UseIdentityAlwaysColumn();
        builder.HasIndex(b => new { b.ProposalId, b.Sequence });
        builder.Property(b => b.VoterId).HasMaxLength(40);
        builder.Property(b => b.Choice).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.PreviousHash).HasMaxLength(64);
        builder.Property(b => b.Hash).HasMaxLength(64);
        builder.HasOne<Proposal>().WithMany().HasForeignKey(b => b.ProposalId).OnDelete(DeleteBehavior.Restrict);
    }
}
