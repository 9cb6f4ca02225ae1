using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Api.Journal;
using Platform.Funds.Domain.Journal;

namespace Platform.Funds.Api.Deposits;

public enum DepositKind
{
    /// <summary>首期交存: up to the unit's assessed initial deposit.</summary>
    Initial,

    /// <summary>续交: settles the unit's open top-up demand.</summary>
    TopUp,

    /// <summary>Any other money paid in for the unit (a resale's renewal agreed by the owners, for example).</summary>
    Other,
}

public sealed record RecordDepositRequest(DepositKind? Kind, long? AmountFen, string? BankReference, DateOnly? DepositedOn) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Defined("kind", Kind).InRange("amountFen", AmountFen, 1L, 10_000_000_000L).Required("bankReference", BankReference, 100)
            .NotInFuture("depositedOn", DepositedOn);
    }
}

public sealed record DepositResponse(Guid TransactionId, Guid UnitId, DepositKind Kind, long AmountFen, string BankReference, DateOnly DepositedOn, long BalanceFen, long Position, string Hash);

/// <summary>
/// Deposits into the county's dedicated account for a unit (交存): debit the account, credit the unit's ledger. Recorded
/// by the county (the fund centre, or the bank's integration) from the bank's slip; one slip is booked once.
/// </summary>
public static class DepositEndpoints
{
    public static RouteGroupBuilder MapDepositEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/units/{unitId:guid}/deposits", Record).WithName("RecordDeposit").WithTags("Deposits")
            .WithSummary("Book a deposit from the bank's slip on a unit's ledger: initial, top-up or other")
            .RequireScope(Scopes.FundsWrite).RequireCountyWide().AsAuditedCommand();
        return api;
    }

    public static async Task<Results<Created<DepositResponse>, ProblemHttpResult>> Record(
        Guid unitId, RecordDepositRequest request, [AsParameters] DepositServices services, CancellationToken ct)
    {
        var (db, journal, access, time) = services;
        var ledger = await db.UnitLedgers.AsNoTracking().FirstOrDefaultAsync(l => l.UnitId == unitId, ct);
        if (ledger is null)
        {
            return Problems.NotFound("unit");
        }

        // The checks read the ledger under the community's journal lock, so two deposits cannot both pass them.
        await journal.LockAsync(ledger.CommunityId, ct);
        var reference = request.BankReference!.Trim();
        var source = $"bank:{reference}";
        if (await db.JournalTransactions.IgnoreQueryFilters().AnyAsync(t => t.SourceReference == source, ct))
        {
            return Problems.Conflict("bank_reference_used", FundsText.Messages, reference);
        }

        var amount = request.AmountFen!.Value;
        var kind = request.Kind!.Value;
        var demand = kind == DepositKind.TopUp ? await db.TopUpDemands.FirstOrDefaultAsync(d => d.UnitId == unitId && d.SettledAt == null, ct) : null;
        switch (kind)
        {
            case DepositKind.Initial when ledger.InitialDepositFen is null:
                return Problems.Conflict("deposit_not_assessed", FundsText.Messages);
            case DepositKind.Initial:
                var paid = await InitialPaid(db, unitId, ct);
                if (paid + amount > ledger.InitialDepositFen)
                {
                    return Problems.Conflict("initial_deposit_exceeded", FundsText.Messages, amount, ledger.InitialDepositFen, paid);
                }

                break;
            case DepositKind.TopUp when demand is null:
                return Problems.Conflict("no_top_up_demand", FundsText.Messages);
        }

        var now = time.GetUtcNow();
        var transaction = (await journal.PostAsync(ledger.CommunityId, KindOf(kind), $"{kind} deposit, bank slip {reference}", request.DepositedOn!.Value, source,
            [JournalEntryLine.Debit(FundAccounts.DedicatedBankAccount, amount), JournalEntryLine.Credit(FundAccounts.UnitLedger(unitId), amount)],
            access.Actor, now, ct))!;
        if (demand is not null)
        {
            demand.PaidFen += amount;
            demand.SettledAt = demand.PaidFen >= demand.DemandedFen ? now : null;
        }

        db.AddIntegrationEvent(new DepositRecorded(transaction.Id, unitId, ledger.CommunityId, kind.ToString(), amount, request.DepositedOn.Value, now), now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{FundsApi.Prefix}/units/{unitId}/ledger",
            new DepositResponse(transaction.Id, unitId, kind, amount, reference, request.DepositedOn.Value, ledger.BalanceFen + amount, transaction.Position, transaction.Hash));
    }

    private static JournalKind KindOf(DepositKind kind) => kind switch
    {
        DepositKind.Initial => JournalKind.InitialDeposit,
        DepositKind.TopUp => JournalKind.TopUpDeposit,
        _ => JournalKind.OtherDeposit,
    };

    private static async Task<long> InitialPaid(FundsDbContext db, Guid unitId, CancellationToken ct)
    {
        var account = FundAccounts.UnitLedger(unitId);
        return await (from line in db.JournalLines.IgnoreQueryFilters()
                      join transaction in db.JournalTransactions.IgnoreQueryFilters() on line.TransactionId equals transaction.Id
                      where line.Account == account && transaction.Kind == JournalKind.InitialDeposit
                      select line.CreditFen).SumAsync(ct);
    }
}

/// <summary>What recording a deposit needs besides the request: the database, the journal, the caller, the clock.</summary>
public sealed record DepositServices(FundsDbContext Db, FundJournal Journal, CallerAccess Access, TimeProvider Time);
