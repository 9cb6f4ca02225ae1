using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Voting;

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.Property(p => p.Matter).HasConversion<string>().HasMaxLength(40);
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Text).HasMaxLength(20_000);
        builder.Property(p => p.ScopeKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Reference).HasMaxLength(200);
        builder.Property(p => p.Attachments).HasColumnType("jsonb").HasConversion(Json<List<ProposalAttachment>>(), JsonComparer<List<ProposalAttachment>>());
        builder.Property(p => p.Extensions).HasColumnType("jsonb")
            .HasConversion(Json<List<WindowExtension>>(), JsonComparer<List<WindowExtension>>());
        builder.Property(p => p.Terms).HasColumnType("jsonb").HasConversion(Json<Dictionary<string, string>>(), JsonComparer<Dictionary<string, string>>());
        builder.Property(p => p.RuleSetId).HasMaxLength(100);
        builder.Property(p => p.OpenedBy).HasMaxLength(100);
        builder.HasIndex(p => p.CommunityId);
        builder.HasIndex(p => p.ClosesAt);
        builder.HasOne<Community>().WithMany().HasForeignKey(p => p.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }

    /// <summary>A small value kept as JSON; compared by its JSON so EF notices changes.</summary>
    private static ValueConverter<T, string> Json<T>() where T : new() => new(
        value => JsonSerializer.Serialize(value, JsonSerializerOptions.Web),
        json => JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web) ?? new T());

    private static ValueComparer<T> JsonComparer<T>() where T : new() => new(
        (left, right) => JsonSerializer.Serialize(left, JsonSerializerOptions.Web) == JsonSerializer.Serialize(right, JsonSerializerOptions.Web),
        value => JsonSerializer.Serialize(value, JsonSerializerOptions.Web).GetHashCode(StringComparison.Ordinal),
        value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, JsonSerializerOptions.Web), JsonSerializerOptions.Web) ?? new T());
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
        builder.HasIndex(b => new { b.ProposalId, b.Position }).IsUnique();
        // The sealer's work list.
        builder.HasIndex(b => new { b.ProposalId, b.Sequence }).HasFilter("hash IS NULL").HasDatabaseName("ix_ballots_unsealed");
        builder.HasIndex(b => new { b.ProposalId, b.VoterId });
        builder.Property(b => b.VoterId).HasMaxLength(40);
        builder.Property(b => b.Choice).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.PreviousHash).HasMaxLength(64);
        builder.Property(b => b.Hash).HasMaxLength(64);
        builder.Property(b => b.ChainKeyId).HasMaxLength(40);
        builder.HasOne<Proposal>().WithMany().HasForeignKey(b => b.ProposalId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProposalResultConfiguration : IEntityTypeConfiguration<ProposalResult>
{
    public void Configure(EntityTypeBuilder<ProposalResult> builder)
    {
        builder.HasKey(r => r.ProposalId);
        builder.Ignore(r => r.Tally);
        builder.Property(r => r.RuleSetId).HasMaxLength(100);
        builder.Property(r => r.BallotChainHead).HasMaxLength(64);
        builder.HasOne<Proposal>().WithOne().HasForeignKey<ProposalResult>(r => r.ProposalId).OnDelete(DeleteBehavior.Restrict);
    }
}
