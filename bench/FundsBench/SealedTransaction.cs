using Platform.Funds.Api.Journal;
using Platform.Funds.Domain.Journal;
using Platform.Contracts.Kernel.Money;
using Platform.TestKit;

namespace Platform.Bench.Funds;

/// <summary>
/// Journal transactions as the service's <c>FundJournal.PostAsync</c> builds them — lines numbered from 1 in the given
/// order, sealed over all of them with the service's own <see cref="JournalTransaction.Seal"/> under the test hosts' chain
/// key — for the seed's history, the naive loop, the in-memory floor and the probes.
/// </summary>
public static class SealedTransaction
{
    public static JournalTransaction Create(
        Guid communityId, long position, string previousHash, JournalKind kind, string description, DateTimeOffset at, string? sourceReference,
        string recordedBy, IReadOnlyList<JournalEntryLine> lines, Guid? projectId = null)
    {
        var id = Guid.CreateVersion7(at);
        return new JournalTransaction
        {
            Id = id,
            CommunityId = communityId,
            Position = position,
            Kind = kind,
            Description = description,
            OccurredOn = DateOnly.FromDateTime(at.UtcDateTime),
            SourceReference = sourceReference,
            ProjectId = projectId,
            RecordedBy = recordedBy,
            RecordedAt = at,
            PreviousHash = previousHash,
            Lines = lines.Select((l, i) => new JournalLine { TransactionId = id, LineNo = i + 1, Account = l.Account, DebitFen = l.DebitFen, CreditFen = l.CreditFen })
                .ToHashSet(),
        }.Seal(ServiceHost<Platform.Funds.Api.Program>.TestChain);
    }

    /// <summary>A disbursement's lines, as the endpoint orders them: a debit per unit with a share, then the bank's credit.</summary>
    public static List<JournalEntryLine> Disbursement(IEnumerable<Share> shares, long amountFen) =>
        [.. shares.Where(s => s.AmountFen > 0).Select(s => JournalEntryLine.Debit(FundAccounts.UnitLedger(s.UnitId), s.AmountFen)),
            JournalEntryLine.Credit(FundAccounts.DedicatedBankAccount, amountFen)];
}
