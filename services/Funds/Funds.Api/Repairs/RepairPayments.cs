using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Time;
using Platform.Contracts.Events;
using Platform.Contracts.Kernel.Money;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Api.Journal;
using Platform.Funds.Api.Misuse;
using Platform.Funds.Domain.Journal;
using Platform.Funds.Domain.Repairs;

namespace Platform.Funds.Api.Repairs;

/// <summary>
/// Paying a repair project from the fund, the step a disbursement and Finance's countersignature share: the same checks
/// (an approved project, a contractor not blacklisted — each attempt flagged —, a free bank reference, enough in every
/// ledger), then one journal transaction apportioned by area and <c>DisbursementMade</c>.
/// </summary>
public sealed class RepairPayments(FundsDbContext db, FundJournal journal, MisuseFlagRaiser flags, BusinessCalendar calendar)
{
    public const string BankReferencePrefix = "bank-out:";

    /// <summary>
    /// The checks, under the community's journal lock (held to the end of the transaction, so the balances read are the
    /// balances the posting changes): the journal lines the payment would post, or the problem that refuses it.
    /// <paramref name="self"/> is the disbursement being countersigned, which holds its own bank reference.
    /// </summary>
    public async Task<(List<JournalEntryLine>? Lines, ProblemHttpResult? Refused)> CheckAsync(
        RepairProject project, long amount, string bankReference, string actor, Guid? self, CancellationToken ct)
    {
        var blacklisted = await RepairResolutions.IsBlacklistedAsync(db, project.ContractorId, calendar.Today, ct);
        switch (project.RefusePayment(blacklisted))
        {
            case { Reason: RepairRefusal.NotApproved } refusal:
                if (project.Track == RepairTrack.Normal)
                {
                    var resolution = project.ResolutionProposalId?.ToString() ?? "none";
                    await flags.RaiseAloneAsync(project.CommunityId, project.Id, MisuseKind.DisbursementWithoutResolution,
                        $"{amount} fen asked by {actor} for project {project.Id} in status {project.Status} (resolution {resolution})", ct);
                }

                return (null, RepairEndpoints.Refused(refusal));
            case { Reason: RepairRefusal.ContractorBlacklisted } refusal:
                await flags.RaiseAloneAsync(project.CommunityId, project.Id, MisuseKind.BlacklistedContractorPayment,
                    $"{amount} fen to blacklisted contractor {project.ContractorId} asked by {actor} for project {project.Id}", ct);
                return (null, RepairEndpoints.Refused(refusal));
            case { } refusal:
                return (null, RepairEndpoints.Refused(refusal));
        }

        await journal.LockAsync(project.CommunityId, ct);
        var source = BankReferencePrefix + bankReference;
        if (await db.JournalTransactions.IgnoreQueryFilters().AnyAsync(t => t.SourceReference == source, ct)
            || await db.Disbursements.IgnoreQueryFilters().AnyAsync(d => d.BankReference == bankReference && d.Id != self
                && d.Status == DisbursementStatus.AwaitingCountersignature, ct))
        {
            return (null, Problems.Conflict("bank_reference_used", FundsText.Messages, bankReference));
        }

        var ledgers = await db.UnitLedgers.IgnoreQueryFilters().AsNoTracking().Where(l => project.ScopeUnitIds.Contains(l.UnitId))
            .Select(l => new { l.UnitId, l.ExclusiveArea, l.BalanceFen }).ToListAsync(ct);
        var shares = Apportionment.ByArea(amount, ledgers.Select(l => (l.UnitId, (long)(l.ExclusiveArea * 100))).ToList());
        var balances = ledgers.ToDictionary(l => l.UnitId, l => l.BalanceFen);
        var shortUnits = shares.Count(s => s.AmountFen > balances[s.UnitId]);
        if (shortUnits > 0)
        {
            return (null, Problems.Conflict("insufficient_funds", FundsText.Messages, shortUnits, amount));
        }

        return ([.. shares.Where(s => s.AmountFen > 0).Select(s => JournalEntryLine.Debit(FundAccounts.UnitLedger(s.UnitId), s.AmountFen)),
            JournalEntryLine.Credit(FundAccounts.DedicatedBankAccount, amount)], null);
    }

    /// <summary>Books a checked payment: the journal transaction, the project's total, <c>DisbursementMade</c>.</summary>
    public async Task<DisbursementResponse> BookAsync(
        RepairProject project, Disbursement disbursement, List<JournalEntryLine> lines, string actor, CancellationToken ct)
    {
        var now = calendar.Now;
        var transaction = (await journal.PostAsync(project.CommunityId, JournalKind.RepairDisbursement,
            $"Repair project {project.Id}: {project.Title}, paid to {project.ContractorName}", calendar.DateOf(now),
            BankReferencePrefix + disbursement.BankReference, lines, actor, now, ct, projectId: project.Id))!;
        var charged = lines.Count - 1;
        project.Paid(disbursement, transaction.Id, charged, now);
        db.QueueEvents(project, now);
        return new DisbursementResponse(transaction.Id, project.Id, disbursement.AmountFen, charged, project.DisbursedFen,
            Apportionment.LargestRemainderByArea, disbursement.Id);
    }
}
