using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Funds.Api.Reconciliation;

public enum DifferenceKind
{
    /// <summary>On the bank's statement, not in the journal: money the fund has not booked.</summary>
    MissingFromJournal,

    /// <summary>In the journal within the statement's dates, not on the statement: booked money the bank does not show.</summary>
    MissingFromStatement,

    /// <summary>On both, for different amounts.</summary>
    AmountDiffers,
}

public sealed record ReconciliationDifference(DifferenceKind Kind, string Reference, long? StatementFen, long? JournalFen);

/// <summary>A bank statement matched against the journal (对账): when, over which dates, and every difference found.</summary>
public sealed class BankReconciliation
{
    public Guid Id { get; init; }

    public DateOnly StatementFrom { get; init; }

    public DateOnly StatementTo { get; init; }

    public int StatementLines { get; init; }

    public int Matched { get; init; }

    public List<ReconciliationDifference> Differences { get; init; } = [];

    public required string ReconciledBy { get; init; }

    public DateTimeOffset ReconciledAt { get; init; }
}

internal sealed class BankReconciliationConfiguration : IEntityTypeConfiguration<BankReconciliation>
{
    public void Configure(EntityTypeBuilder<BankReconciliation> builder)
    {
        builder.ToTable("bank_reconciliations");
        builder.Property(r => r.ReconciledBy).HasMaxLength(100);
        builder.OwnsMany(r => r.Differences, d => d.ToJson());
    }
}
