using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Contracts.Events;
using Platform.Funds.Domain.Journal;

namespace Platform.Funds.Api.Journal;

/// <summary>
/// The owners' share of public income that Fees moved to the fund is credited to the community's public-income
/// sub-ledger against the dedicated account, once per transfer however often it is delivered.
/// </summary>
public sealed class PublicIncomeTransferredHandler(FundJournal journal, BusinessCalendar calendar) : IIntegrationEventHandler<PublicIncomeTransferredToFund>
{
    public async Task Handle(PublicIncomeTransferredToFund transfer, CancellationToken cancellationToken) =>
        await journal.PostAsync(transfer.CommunityId, JournalKind.PublicIncomeTransfer, "Owners' share of public income, from Fees",
            calendar.DateOf(transfer.OccurredAt), $"fees-transfer:{transfer.TransferId}",
            [JournalEntryLine.Debit(FundAccounts.DedicatedBankAccount, transfer.AmountFen), JournalEntryLine.Credit(FundAccounts.CommunityPublicIncome(transfer.CommunityId), transfer.AmountFen)],
            OrganisationTypes.PlatformService, transfer.OccurredAt, cancellationToken);
}
