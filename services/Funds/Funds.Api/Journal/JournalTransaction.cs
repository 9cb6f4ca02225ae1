using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Data;

namespace Platform.Funds.Api.Journal;

/// <summary>Why money moved in the fund.</summary>
public enum JournalKind
{
    InitialDeposit,
    TopUpDeposit,
    OtherDeposit,

    /// <summary>The owners' share of public income transferred by Fees (PublicIncomeTransferredToFund).</summary>
    PublicIncomeTransfer,

    /// <summary>A payment to a repair's contractor, its cost apportioned over the scope's unit ledgers.</summary>
    RepairDisbursement,

    /// <summary>The dedicated account's interest, allocated over the ledgers by balance.</summary>
    Interest,

    /// <summary>Part of a community's public-income sub-ledger spread over its unit ledgers by area.</summary>
    PublicIncomeSpread,
}

/// <summary>
/// One transaction of the fund journal: double entry (its lines' debits equal its credits), append-only, and
/// hash-chained per community — each names the hash of the community's transaction before it, and its own hash
/// covers its lines, so a changed amount, account or order is found by <see cref="FundInvariants"/>.
/// </summary>
public sealed class JournalTransaction : IChainLink
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    /// <summary>1, 2, 3… per community; unique, so the chain cannot fork.</summary>
    public long Position { get; init; }

    public JournalKind Kind { get; init; }

    public required string Description { get; init; }

    public DateOnly OccurredOn { get; init; }

    /// <summary>The fact it books (a bank slip, another service's transfer id); unique, so a fact is booked once.</summary>
    public string? SourceReference { get; init; }

    /// <summary>The repair project a disbursement paid for.</summary>
    public Guid? ProjectId { get; init; }

    public required string RecordedBy { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public required string PreviousHash { get; init; }

    public string Hash { get; private set; } = "";

    public string? ChainKeyId { get; private set; }

    /// <summary>A set, not a list: EF Core fixes up a large list line by line (quadratic at 20,000 lines); the order is <c>LineNo</c>.</summary>
    public HashSet<JournalLine> Lines { get; init; } = [];

    public JournalTransaction Seal(HashChain chain)
    {
        (ChainKeyId, Hash) = chain.Link(PreviousHash, LinkedFields());
        return this;
    }

    public object?[] LinkedFields() =>
    [
        Position, Id, CommunityId, Kind, Description, OccurredOn.ToString("yyyy-MM-dd"), SourceReference, RecordedBy,
        RecordedAt.UtcTicks / 10, ProjectId,
        string.Join(';', Lines.OrderBy(l => l.LineNo).Select(l => $"{l.LineNo}:{l.Account}:{l.DebitFen}:{l.CreditFen}")),
    ];
}

/// <summary>One line of a journal transaction: a debit or a credit on one account.</summary>
public sealed class JournalLine
{
    public Guid TransactionId { get; init; }

    public int LineNo { get; init; }

    public required string Account { get; init; }

    public long DebitFen { get; init; }

    public long CreditFen { get; init; }
}

internal sealed class JournalTransactionConfiguration : IEntityTypeConfiguration<JournalTransaction>
{
    public void Configure(EntityTypeBuilder<JournalTransaction> builder)
    {
        builder.ToTable("journal_transactions");
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(t => t.Description).HasMaxLength(500);
        builder.Property(t => t.SourceReference).HasMaxLength(120);
        builder.Property(t => t.RecordedBy).HasMaxLength(100);
        builder.Property(t => t.PreviousHash).HasMaxLength(64);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.Property(t => t.ChainKeyId).HasMaxLength(40);
        builder.HasIndex(t => new { t.CommunityId, t.Position }).IsUnique();
        builder.HasIndex(t => t.SourceReference).IsUnique().HasFilter("source_reference IS NOT NULL");
        builder.HasIndex(t => t.ProjectId).HasFilter("project_id IS NOT NULL");
        builder.HasMany(t => t.Lines).WithOne().HasForeignKey(l => l.TransactionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class JournalLineConfiguration : IEntityTypeConfiguration<JournalLine>
{
    public void Configure(EntityTypeBuilder<JournalLine> builder)
    {
        builder.ToTable("journal_lines");
        builder.HasKey(l => new { l.TransactionId, l.LineNo });
        builder.Property(l => l.Account).HasMaxLength(80);
        builder.HasIndex(l => l.Account);
        builder.ToTable(t => t.HasCheckConstraint("ck_journal_lines_one_side", "(debit_fen > 0 AND credit_fen = 0) OR (credit_fen > 0 AND debit_fen = 0)"));
    }
}
