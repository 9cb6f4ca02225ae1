using Microsoft.AspNetCore.Http.HttpResults;
using Platform.BuildingBlocks.Security;

namespace Platform.Funds.Api.Journal;

/// <summary>Every invariant violation, named with its evidence; empty when the fund's books hold.</summary>
public sealed record JournalVerificationResponse(bool Holds, IReadOnlyList<string> Violations);

public static class JournalEndpoints
{
    public static RouteGroupBuilder MapJournalEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/journal/verification", Verify).WithName("VerifyFundJournal").WithTags("Journal")
            .WithSummary("Check the fund's invariants: balanced transactions, account equals ledgers, none negative, chains intact (Finance, Housing)")
            .RequireScope(Scopes.FundsRead).RequireCountyWide();
        return api;
    }

    public static async Task<Ok<JournalVerificationResponse>> Verify(FundInvariants invariants, CancellationToken ct)
    {
        var violations = await invariants.FindViolationsAsync(ct);
        return TypedResults.Ok(new JournalVerificationResponse(violations.Count == 0, violations));
    }
}
