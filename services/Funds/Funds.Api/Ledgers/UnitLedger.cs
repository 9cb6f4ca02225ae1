using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Contracts.Events;
using Platform.Funds.Domain.Ledgers;

namespace Platform.Funds.Api.Ledgers;

/// <summary>
/// A unit's maintenance-fund ledger (分户账), opened when the unit is registered and carried with the unit through
/// every resale (the owners change; the ledger does not). Its balance is kept with every posting under the community's
/// journal lock and checked against the journal by <see cref="Journal.FundInvariants"/>.
/// </summary>
public sealed class UnitLedger
{
    public Guid UnitId { get; init; }

    public Guid CommunityId { get; init; }

    public Guid BuildingId { get; init; }

    public decimal ExclusiveArea { get; set; }

    public UnitUse Use { get; set; }

    /// <summary>The class the deposit rate is looked up by; null for a home until its building is classed.</summary>
    public BuildingType? RatedAs { get; set; }

    /// <summary>The rate (fen per m²) of the year the ledger opened; null until the housing bureau sets it.</summary>
    public long? RateFenPerSquareMetre { get; set; }

    /// <summary>Area × rate; null until assessed. The top-up threshold is a share of it.</summary>
    public long? InitialDepositFen { get; set; }

    public long BalanceFen { get; set; }

    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    /// <summary>Whether the initial deposit is assessed: the rate for its class and year is known.</summary>
    public bool TryAssess(DepositRate? rate)
    {
        if (InitialDepositFen is not null || rate is null || rate.BuildingType != RatedAs || rate.Year != OpenedAt.Year)
        {
            return false;
        }

        RateFenPerSquareMetre = rate.RateFenPerSquareMetre;
        InitialDepositFen = DepositRule.InitialDeposit(ExclusiveArea, rate.RateFenPerSquareMetre);
        return true;
    }
}

/// <summary>The county's deposit rate for a building type and year (housing bureau): fen per m² of exclusive area. Fixed once set.</summary>
public sealed class DepositRate
{
    public int Year { get; init; }

    public BuildingType BuildingType { get; init; }

    public long RateFenPerSquareMetre { get; init; }

    public required string SetBy { get; init; }

    public DateTimeOffset SetAt { get; init; }
}

/// <summary>The housing bureau's class of a building (multi-storey, high-rise, non-residential) for deposit rates.</summary>
public sealed class BuildingClassification
{
    public Guid BuildingId { get; init; }

    public Guid CommunityId { get; init; }

    public BuildingType Type { get; set; }

    public required string SetBy { get; set; }

    public DateTimeOffset SetAt { get; set; }
}

internal sealed class UnitLedgerConfiguration : IEntityTypeConfiguration<UnitLedger>
{
    public void Configure(EntityTypeBuilder<UnitLedger> builder)
    {
        builder.ToTable("unit_ledgers");
        builder.HasKey(l => l.UnitId);
        builder.Property(l => l.ExclusiveArea).HasPrecision(12, 2);
        builder.Property(l => l.Use).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.RatedAs).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Version).IsRowVersion();
        builder.HasIndex(l => l.CommunityId);
        builder.HasIndex(l => l.BuildingId);
    }
}

internal sealed class DepositRateConfiguration : IEntityTypeConfiguration<DepositRate>
{
    public void Configure(EntityTypeBuilder<DepositRate> builder)
    {
        builder.ToTable("deposit_rates");
        builder.HasKey(r => new { r.Year, r.BuildingType });
        builder.Property(r => r.BuildingType).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.SetBy).HasMaxLength(100);
    }
}

internal sealed class BuildingClassificationConfiguration : IEntityTypeConfiguration<BuildingClassification>
{
    public void Configure(EntityTypeBuilder<BuildingClassification> builder)
    {
        builder.ToTable("building_classifications");
        builder.HasKey(b => b.BuildingId);
        builder.Property(b => b.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.SetBy).HasMaxLength(100);
    }
}
