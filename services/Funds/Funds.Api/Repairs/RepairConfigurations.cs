using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Funds.Domain.Repairs;

namespace Platform.Funds.Api.Repairs;

/// <summary>A contractor on governance's blacklist (from <c>PropertyCompanyBlacklisted</c>): never paid from the fund while listed.</summary>
public sealed class BlacklistedContractor
{
    public Guid ContractorId { get; init; }

    public DateOnly From { get; init; }

    public DateOnly Until { get; init; }

    public required string Reason { get; init; }
}

internal sealed class RepairProjectConfiguration : IEntityTypeConfiguration<RepairProject>
{
    public void Configure(EntityTypeBuilder<RepairProject> builder)
    {
        builder.ToTable("repair_projects");
        builder.Property(p => p.Track).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.EmergencyCategory).HasConversion<string>().HasMaxLength(40);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Item).HasMaxLength(200);
        builder.Property(p => p.ContractorName).HasMaxLength(200);
        builder.Property(p => p.ProposedBy).HasMaxLength(100);
        builder.Property(p => p.ApprovedBy).HasMaxLength(100);
        builder.Property(p => p.Version).IsRowVersion();
        builder.Ignore(p => p.Reference);
        builder.Ignore(p => p.Events);
        builder.Ignore(p => p.IsPayable);
        builder.HasIndex(p => new { p.CommunityId, p.ProposedAt });
        builder.HasIndex(p => new { p.ContractorId, p.CommunityId });
    }
}

internal sealed class BlacklistedContractorConfiguration : IEntityTypeConfiguration<BlacklistedContractor>
{
    public void Configure(EntityTypeBuilder<BlacklistedContractor> builder)
    {
        builder.ToTable("blacklisted_contractors");
        builder.HasKey(b => new { b.ContractorId, b.From });
        builder.Property(b => b.Reason).HasMaxLength(40);
    }
}

/// <summary>Queues the integration events a repair project's moves recorded, each under its own event type.</summary>
internal static class RepairProjectEvents
{
    public static void QueueEvents(this Infrastructure.FundsDbContext db, RepairProject project, DateTimeOffset now)
    {
        db.AddIntegrationEvents(project.Events, now);
        project.ClearEvents();
    }
}
