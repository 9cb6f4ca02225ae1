using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Funds.Domain.Repairs;

namespace Platform.Funds.Api.Repairs;

/// <summary>
/// A repair of common parts paid from the fund (维修项目): its scope (the units sharing the cost), budget and contractor,
/// and where it stands on its track. The cost of every disbursement is apportioned over the scope's ledgers by area.
/// </summary>
public sealed class RepairProject
{
    /// <summary>The reference a governance proposal carries to decide this project: <c>repair-project:{id}</c>.</summary>
    public const string ReferencePrefix = "repair-project:";

    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public RepairTrack Track { get; init; }

    public EmergencyCategory? EmergencyCategory { get; init; }

    public required string Title { get; init; }

    /// <summary>What is repaired ("3号楼1单元电梯"), compared to find repeated emergencies and split jobs.</summary>
    public required string Item { get; init; }

    public Guid[] ScopeUnitIds { get; init; } = [];

    public long BudgetFen { get; init; }

    public Guid ContractorId { get; init; }

    public required string ContractorName { get; init; }

    public RepairStatus Status { get; set; }

    public required string ProposedBy { get; init; }

    public DateTimeOffset ProposedAt { get; init; }

    /// <summary>The governance proposal whose resolution decided it (normal track).</summary>
    public Guid? ResolutionProposalId { get; set; }

    public DateOnly? PublicityEndsOn { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public long DisbursedFen { get; set; }

    public DateTimeOffset? SettledAt { get; set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public string Reference => $"{ReferencePrefix}{Id}";
}

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
