using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Domain.Journal;

namespace Platform.Funds.Api.Reconciliation;

public sealed record ReconciliationResponse(
    Guid Id, DateOnly StatementFrom, DateOnly StatementTo, int StatementLines, int Matched, IReadOnlyList<ReconciliationDifference> Differences, DateTimeOffset ReconciledAt)
{
    public static ReconciliationResponse From(BankReconciliation r) =>
        new(r.Id, r.StatementFrom, r.StatementTo, r.StatementLines, r.Matched, r.Differences, r.ReconciledAt);
}

/// <summary>
/// Bank statement reconciliation (对账): the dedicated account's statement matched, reference by reference, against the
/// journal's movements on the account over the statement's dates; every difference listed and kept.
/// </summary>
public static class ReconciliationEndpoints
{
    public static RouteGroupBuilder MapReconciliationEndpoints(this RouteGroupBuilder api)
    {
        var reconciliations = api.MapGroup("/bank-reconciliations").WithTags("Bank reconciliation");
        reconciliations.MapPost("", Reconcile).WithName("ReconcileBankStatement")
            .WithSummary("Match the bank's statement of the dedicated account (text/csv: date,reference,amountFen) against the journal")
            .Accepts<string>("text/csv").RequireScope(Scopes.FundsWrite).RequireCountyWide().AsAuditedCommand();
        reconciliations.MapGet("", List).WithName("ListBankReconciliations")
            .WithSummary("Past reconciliations with their differences, newest first").RequireScope(Scopes.FundsRead).RequireCountyWide();
        return api;
    }

    public static async Task<Results<Created<ReconciliationResponse>, ValidationProblem>> Reconcile(
        HttpRequest request, FundsDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        // Read in pieces from the body PlainTextRequestMiddleware buffered; only the parsed lines are held.
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var errors = new ValidationErrors();
        var lines = await BankStatement.ReadAsync(reader, errors, ct);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors, FundsText.Messages);
        }

        var (first, last) = (lines.Min(l => l.Date), lines.Max(l => l.Date));
        var journal = (await (from line in db.JournalLines.IgnoreQueryFilters()
                              join transaction in db.JournalTransactions.IgnoreQueryFilters() on line.TransactionId equals transaction.Id
                              where line.Account == FundAccounts.DedicatedBankAccount && transaction.OccurredOn >= first && transaction.OccurredOn <= last
                              select new { transaction.SourceReference, Fen = line.DebitFen - line.CreditFen }).ToListAsync(ct))
            .GroupBy(m => BankReference(m.SourceReference)).ToDictionary(g => g.Key, g => g.Sum(m => m.Fen));
        var statement = lines.GroupBy(l => l.Reference).ToDictionary(g => g.Key, g => g.Sum(l => l.AmountFen));

        var differences = statement.Where(s => !journal.ContainsKey(s.Key)).Select(s => new ReconciliationDifference(DifferenceKind.MissingFromJournal, s.Key, s.Value, null))
            .Concat(statement.Where(s => journal.TryGetValue(s.Key, out var fen) && fen != s.Value)
                .Select(s => new ReconciliationDifference(DifferenceKind.AmountDiffers, s.Key, s.Value, journal[s.Key])))
            .Concat(journal.Where(j => !statement.ContainsKey(j.Key)).Select(j => new ReconciliationDifference(DifferenceKind.MissingFromStatement, j.Key, null, j.Value)))
            .OrderBy(d => d.Kind).ThenBy(d => d.Reference, StringComparer.Ordinal).ToList();
        var now = time.GetUtcNow();
        var reconciliation = new BankReconciliation
        {
            Id = Guid.CreateVersion7(now), StatementFrom = first, StatementTo = last, StatementLines = lines.Count,
            Matched = statement.Count(s => journal.TryGetValue(s.Key, out var fen) && fen == s.Value), Differences = differences, ReconciledBy = access.Actor,
            ReconciledAt = now,
        };
        db.BankReconciliations.Add(reconciliation);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{FundsApi.Prefix}/bank-reconciliations", ReconciliationResponse.From(reconciliation));
    }

    public static async Task<Results<Ok<Page<ReconciliationResponse>>, ValidationProblem>> List(
        [AsParameters] PageQuery paging, FundsDbContext db, CancellationToken ct)
    {

        var total = await db.BankReconciliations.CountAsync(ct);
        var reconciliations = await db.BankReconciliations.AsNoTracking().OrderByDescending(r => r.ReconciledAt).ThenBy(r => r.Id)
            .Skip(paging.Skip).Take(paging.Take).ToListAsync(ct);
        return TypedResults.Ok(paging.Of(reconciliations.Select(ReconciliationResponse.From).ToList(), total));
    }

    /// <summary>The reference the bank shows for a journal movement: the slip of a deposit or payment, the interest slip; else the fact's own reference.</summary>
    private static string BankReference(string? source) => source switch
    {
        null => "(no reference)",
        _ when source.StartsWith("bank:", StringComparison.Ordinal) => source["bank:".Length..],
        _ when source.StartsWith("bank-out:", StringComparison.Ordinal) => source["bank-out:".Length..],
        _ when source.StartsWith("interest:", StringComparison.Ordinal) => source["interest:".Length..source.LastIndexOf(':')],
        _ => source,
    };
}
