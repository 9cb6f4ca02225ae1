namespace Platform.Funds.Domain.Journal;

/// <summary>One side of a journal transaction on one account: a debit or a credit, in fen, never both.</summary>
public sealed record JournalEntryLine(string Account, long DebitFen, long CreditFen)
{
    public static JournalEntryLine Debit(string account, long fen) => new(account, fen, 0);

    public static JournalEntryLine Credit(string account, long fen) => new(account, 0, fen);
}

public static class DoubleEntry
{
    /// <summary>
    /// Whether the lines make a transaction: at least two, each a positive debit or a positive credit, and the
    /// debits equal the credits.
    /// </summary>
    public static bool Balances(IReadOnlyCollection<JournalEntryLine> lines) =>
        lines.Count >= 2
        && lines.All(l => (l.DebitFen > 0 && l.CreditFen == 0) || (l.CreditFen > 0 && l.DebitFen == 0))
        && lines.Sum(l => l.DebitFen) == lines.Sum(l => l.CreditFen);
}
