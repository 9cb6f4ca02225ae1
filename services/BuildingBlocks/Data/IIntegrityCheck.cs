namespace Platform.BuildingBlocks.Data;

/// <summary>
/// A check of a service's own invariants (a ledger that must balance, a chain that must verify). Registered checks run
/// by the <c>verify-ledgers</c> command, which exits 1 when any finds a violation.
/// </summary>
public interface IIntegrityCheck
{
    string Name { get; }

    /// <summary>Each violation, naming its evidence (the row, the account, the amounts); empty when all hold.</summary>
    Task<IReadOnlyList<string>> FindViolationsAsync(CancellationToken ct);
}
