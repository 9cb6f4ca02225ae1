using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Data;

namespace Platform.Fees.Api.PublicIncome;

public enum PublicIncomeKind
{
    Income,
    Expense,

    /// <summary>Part of the owners' share moved to the community's maintenance fund; not an expense of the common parts.</summary>
    TransferToFund,

    /// <summary>Part of the owners' share paid to the serving company for a month's fees not collected, in an old community (seed item 8).</summary>
    FeeShortfallCover,
}

/// <summary>Where public income comes from, or what an expense paid for (seed item 13).</summary>
public enum PublicIncomeSource
{
    ParkingOnCommonSpaces,
    ElevatorAdvertising,
    NoticeBoardAdvertising,
    VenueRental,
    Maintenance,
    OwnersShare,
    Other,
}

/// <summary>
/// One entry of a community's public-income ledger (公共收益台账): append-only and hash-chained per community.
/// <c>SourceReference</c> names the fact it books (for example the parking service's revenue id) and is unique,
/// so the same fact is never booked twice, however often it is delivered.
/// </summary>
public sealed class PublicIncomeEntry : IChainLink
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public PublicIncomeKind Kind { get; init; }

    public PublicIncomeSource Source { get; init; }

    /// <summary>Always positive; the kind says which way it goes.</summary>
    public long AmountFen { get; init; }

    public required string Description { get; init; }

    public DateOnly OccurredOn { get; init; }

    public string? SourceReference { get; init; }

    /// <summary>For a fee-shortfall cover, the billing month (yyyy-MM) whose uncollected fees it covers.</summary>
    public string? CoversPeriod { get; init; }

    /// <summary>For a fee-shortfall cover, the owners' resolution that authorised it.</summary>
    public Guid? ResolutionId { get; init; }

    public required string RecordedBy { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public long Position { get; init; }

    public required string PreviousHash { get; init; }

    public string Hash { get; private set; } = "";

    public string? ChainKeyId { get; private set; }

    public PublicIncomeEntry Seal(HashChain chain)
    {
        (ChainKeyId, Hash) = chain.Link(PreviousHash, LinkedFields());
        return this;
    }

    public object?[] LinkedFields()
    {
        object?[] fields =
        [
            Position, Id, CommunityId, Kind, Source, AmountFen, Description, OccurredOn.ToString("yyyy-MM-dd"), SourceReference,
            RecordedAt.UtcTicks / 10, CoversPeriod,
        ];
        // The resolution joins the link only where there is one, so entries sealed before it existed still verify.
        return ResolutionId is { } resolution ? [.. fields, resolution] : fields;
    }
}

internal sealed class PublicIncomeEntryConfiguration : IEntityTypeConfiguration<PublicIncomeEntry>
{
    public void Configure(EntityTypeBuilder<PublicIncomeEntry> builder)
    {
        builder.ToTable("public_income_entries");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.Description).HasMaxLength(500);
        builder.Property(e => e.SourceReference).HasMaxLength(100);
        builder.Property(e => e.CoversPeriod).HasMaxLength(7);
        builder.Property(e => e.RecordedBy).HasMaxLength(100);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.Property(e => e.ChainKeyId).HasMaxLength(40);
        builder.HasIndex(e => new { e.CommunityId, e.Position }).IsUnique();
        builder.HasIndex(e => e.SourceReference).IsUnique().HasFilter("source_reference IS NOT NULL");
    }
}
