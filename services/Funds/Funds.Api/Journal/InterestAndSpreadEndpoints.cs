using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.BuildingBlocks.Validation;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Domain.Journal;
using Platform.Contracts.Kernel.Money;

namespace Platform.Funds.Api.Journal;

public sealed record AllocateInterestRequest(long? AmountFen, string? BankReference, DateOnly? CreditedOn) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.InRange("amountFen", AmountFen, 1L, 100_000_000_000L).Required("bankReference", BankReference, 100)
            .NotInFuture("creditedOn", CreditedOn);
    }
}

public sealed record SpreadPublicIncomeRequest(long? AmountFen, string? Description) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.InRange("amountFen", AmountFen, 1L, 100_000_000_000L).Required("description", Description, 500);
}

public sealed record InterestAllocationResponse(long AmountFen, int Communities, int AccountsCredited, string Rule);

public sealed record SpreadResponse(Guid TransactionId, long AmountFen, int UnitsCredited, string Rule);

/// <summary>
/// The dedicated account's interest allocated to every ledger by balance (计息), and a community's public income spread
/// over its units by area — both exact to the fen, both one balanced transaction per community.
/// </summary>
public static class InterestAndSpreadEndpoints
{
    public static RouteGroupBuilder MapInterestAndSpreadEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/interest-allocations", AllocateInterest).WithName("AllocateInterest").WithTags("Journal")
            .WithSummary("Allocate interest the bank credited to the dedicated account over every ledger by balance")
            .RequireScope(Scopes.FundsWrite).RequireCountyWide().AsAuditedCommand();
        api.MapPost("/communities/{communityId:guid}/public-income/spread", Spread).WithName("SpreadPublicIncome").WithTags("Journal")
            .WithSummary("Spread part of the community's public-income sub-ledger over its unit ledgers by area")
            .RequireScope(Scopes.FundsWrite).RequireCountyWide().AsAuditedCommand();
        return api;
    }

    public static async Task<Results<Created<InterestAllocationResponse>, ProblemHttpResult>> AllocateInterest(
        AllocateInterestRequest request, FundsDbContext db, FundJournal journal, CallerAccess access, BusinessCalendar calendar, CancellationToken ct)
    {
        var reference = request.BankReference!.Trim();
        var prefix = $"interest:{reference}:";
        if (await db.JournalTransactions.IgnoreQueryFilters().AnyAsync(t => t.SourceReference!.StartsWith(prefix), ct))
        {
            return Problems.Conflict("bank_reference_used", FundsText.Messages, reference);
        }

        // Every community's journal locked, in one order, before the balances are read: interest follows the balances it credits.
        var communities = await db.UnitLedgers.IgnoreQueryFilters().Select(l => l.CommunityId)
            .Union(db.JournalTransactions.IgnoreQueryFilters().Select(t => t.CommunityId)).Distinct().OrderBy(c => c).ToListAsync(ct);
        foreach (var community in communities)
        {
            await journal.LockAsync(community, ct);
        }

        var balances = await BalancesByCommunity(db, ct);
        if (balances.Count == 0)
        {
            return Problems.Conflict("nothing_to_credit", FundsText.Messages);
        }

        var now = calendar.Now;
        var perCommunity = Apportionment.ByWeight(request.AmountFen!.Value, balances.Select(c => (c.Key, c.Value.Sum(a => a.BalanceFen))).ToList());
        var credited = 0;
        foreach (var share in perCommunity.Where(s => s.AmountFen > 0))
        {
            var accounts = balances[share.UnitId];
            var lines = Apportionment.ByWeight(share.AmountFen, accounts.Select(a => (a.Key, a.BalanceFen)).ToList())
                .Where(s => s.AmountFen > 0)
                .Select(s => JournalEntryLine.Credit(accounts.Single(a => a.Key == s.UnitId).Account, s.AmountFen))
                .Prepend(JournalEntryLine.Debit(FundAccounts.DedicatedBankAccount, share.AmountFen)).ToList();
            await journal.PostAsync(share.UnitId, JournalKind.Interest, $"Interest on the dedicated account, bank slip {reference}", request.CreditedOn!.Value,
                $"{prefix}{share.UnitId}", lines, access.Actor, now, ct);
            credited += lines.Count - 1;
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{FundsApi.Prefix}/journal/verification",
            new InterestAllocationResponse(request.AmountFen.Value, perCommunity.Count(s => s.AmountFen > 0), credited, Apportionment.LargestRemainderByBalance));
    }

    public static async Task<Results<Created<SpreadResponse>, ProblemHttpResult>> Spread(
        Guid communityId, SpreadPublicIncomeRequest request, [AsParameters] SpreadServices services, CancellationToken ct)
    {
        var (db, journal, access, calendar) = services;
        if (!await db.Set<RegistryCommunity>().AnyAsync(c => c.Id == communityId, ct))
        {
            return Problems.NotFound("community");
        }

        await journal.LockAsync(communityId, ct);
        var account = FundAccounts.CommunityPublicIncome(communityId);
        var available = await db.JournalLines.IgnoreQueryFilters().Where(l => l.Account == account).SumAsync(l => l.CreditFen - l.DebitFen, ct);
        var amount = request.AmountFen!.Value;
        if (amount > available)
        {
            return Problems.Conflict("public_income_exceeded", FundsText.Messages, amount, available);
        }

        var units = await db.UnitLedgers.IgnoreQueryFilters().Where(l => l.CommunityId == communityId && l.ExclusiveArea > 0)
            .Select(l => new { l.UnitId, l.ExclusiveArea }).ToListAsync(ct);
        if (units.Count == 0)
        {
            return Problems.Conflict("nothing_to_credit", FundsText.Messages);
        }

        var lines = Apportionment.ByArea(amount, units.Select(u => (u.UnitId, (long)(u.ExclusiveArea * 100))).ToList())
            .Where(s => s.AmountFen > 0).Select(s => JournalEntryLine.Credit(FundAccounts.UnitLedger(s.UnitId), s.AmountFen))
            .Prepend(JournalEntryLine.Debit(account, amount)).ToList();
        var now = calendar.Now;
        var transaction = (await journal.PostAsync(communityId, JournalKind.PublicIncomeSpread, request.Description!.Trim(), calendar.DateOf(now),
            null, lines, access.Actor, now, ct))!;
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{FundsApi.Prefix}/journal/verification",
            new SpreadResponse(transaction.Id, amount, lines.Count - 1, Apportionment.LargestRemainderByArea));
    }

    /// <summary>Every ledger with money in it, by community: unit ledgers (kept balances) and community sub-ledgers (from the journal).</summary>
    private static async Task<Dictionary<Guid, List<(Guid Key, string Account, long BalanceFen)>>> BalancesByCommunity(FundsDbContext db, CancellationToken ct)
    {
        var units = await db.UnitLedgers.IgnoreQueryFilters().Where(l => l.BalanceFen > 0).Select(l => new { l.CommunityId, l.UnitId, l.BalanceFen }).ToListAsync(ct);
        var subLedgers = await db.JournalLines.IgnoreQueryFilters().Where(l => l.Account.StartsWith("community:"))
            .GroupBy(l => l.Account).Select(g => new { Account = g.Key, BalanceFen = g.Sum(l => l.CreditFen - l.DebitFen) }).ToListAsync(ct);
        var all = units.Select(u => (Community: u.CommunityId, Key: u.UnitId, Account: FundAccounts.UnitLedger(u.UnitId), u.BalanceFen))
            .Concat(subLedgers.Where(s => s.BalanceFen > 0).Select(s =>
            {
                var community = Guid.Parse(s.Account.AsSpan("community:".Length, 36));
                return (Community: community, Key: community, s.Account, s.BalanceFen);
            }));
        return all.GroupBy(a => a.Community).ToDictionary(g => g.Key, g => g.Select(a => (a.Key, a.Account, a.BalanceFen)).ToList());
    }
}

/// <summary>What spreading public income needs besides the request: the database, the journal, the caller, the calendar.</summary>
public sealed record SpreadServices(FundsDbContext Db, FundJournal Journal, CallerAccess Access, BusinessCalendar Calendar);
