using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Domain.Journal;
using Platform.Funds.Domain.Ledgers;

namespace Platform.Funds.Api.Ledgers;

/// <summary>Deposit rates and building classes (housing bureau), unit ledgers and their statements (seed item 9).</summary>
public static class LedgerEndpoints
{
    public static RouteGroupBuilder MapLedgerEndpoints(this RouteGroupBuilder api)
    {
        var ledgers = api.MapGroup("").WithTags("Unit ledgers");
        ledgers.MapPost("/deposit-rates", SetRate).WithName("SetDepositRate")
            .WithSummary("Set the county's deposit rate for a year and building type; ledgers waiting for it are assessed")
            .RequireScope(Scopes.FundsWrite).RequireOrganisation(OrganisationTypes.Housing).AsAuditedCommand();
        ledgers.MapPut("/buildings/{buildingId:guid}/type", Classify).WithName("ClassifyBuilding")
            .WithSummary("Class a building for deposit rates; its homes' ledgers not yet assessed are assessed by it")
            .RequireScope(Scopes.FundsWrite).RequireOrganisation(OrganisationTypes.Housing).AsAuditedCommand();
        ledgers.MapGet("/units/{unitId:guid}/ledger", Statement).WithName("GetUnitLedger")
            .WithSummary("A unit's ledger statement: to its owner and county departments only").RequireScope(Scopes.FundsRead);
        ledgers.MapGet("/communities/{communityId:guid}/ledgers", CommunityLedgers).WithName("ListUnitLedgers")
            .WithSummary("Every unit ledger of a community with its balance (county departments)").RequireScope(Scopes.FundsRead).RequireCountyWide();
        return api;
    }

    public static RouteGroupBuilder MapPublicLedgers(this RouteGroupBuilder publicApi)
    {
        publicApi.MapGet("/deposit-rates", PublishedRates).WithName("ListDepositRates").WithSummary("The county's deposit rates, newest year first");
        return publicApi;
    }

    public static async Task<Results<Created<SetDepositRateResponse>, ProblemHttpResult>> SetRate(
        SetDepositRateRequest request, FundsDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        if (await db.DepositRates.AnyAsync(r => r.Year == request.Year && r.BuildingType == request.BuildingType, ct))
        {
            return Problems.Conflict("deposit_rate_set", FundsText.Messages, request.Year, request.BuildingType);
        }

        var rate = new DepositRate
        {
            Year = request.Year!.Value, BuildingType = request.BuildingType!.Value, RateFenPerSquareMetre = request.RateFenPerSquareMetre!.Value,
            SetBy = access.Actor, SetAt = time.GetUtcNow(),
        };
        db.DepositRates.Add(rate);
        var waiting = await db.UnitLedgers.IgnoreQueryFilters()
            .Where(l => l.InitialDepositFen == null && l.RatedAs == rate.BuildingType && l.OpenedAt.Year == rate.Year).ToListAsync(ct);
        var assessed = waiting.Count(l => l.TryAssess(rate));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created("/public/funds/v1/deposit-rates", new SetDepositRateResponse(Describe(rate), assessed));
    }

    public static async Task<Results<Ok<BuildingClassificationResponse>, ProblemHttpResult>> Classify(
        Guid buildingId, ClassifyBuildingRequest request, FundsDbContext db, CallerAccess access, TimeProvider time, CancellationToken ct)
    {
        var communityId = await db.Set<RegistryUnit>().Where(u => u.BuildingId == buildingId).Select(u => (Guid?)u.CommunityId).FirstOrDefaultAsync(ct);
        if (communityId is null)
        {
            return Problems.NotFound("building");
        }

        var now = time.GetUtcNow();
        var type = request.BuildingType!.Value;
        var classification = await db.BuildingClassifications.FirstOrDefaultAsync(b => b.BuildingId == buildingId, ct);
        if (classification is null)
        {
            db.BuildingClassifications.Add(new BuildingClassification { BuildingId = buildingId, CommunityId = communityId.Value, Type = type, SetBy = access.Actor, SetAt = now });
        }
        else
        {
            (classification.Type, classification.SetBy, classification.SetAt) = (type, access.Actor, now);
        }

        // A class changes only what is not assessed yet: an assessed deposit stays as it was demanded.
        var waiting = await db.UnitLedgers.IgnoreQueryFilters().Where(l => l.BuildingId == buildingId && l.InitialDepositFen == null).ToListAsync(ct);
        var rates = await db.DepositRates.AsNoTracking().ToListAsync(ct);
        var assessed = 0;
        foreach (var ledger in waiting)
        {
            ledger.RatedAs = DepositRule.TypeOf(ledger.Use, type);
            assessed += ledger.TryAssess(rates.FirstOrDefault(r => r.Year == ledger.OpenedAt.Year && r.BuildingType == ledger.RatedAs)) ? 1 : 0;
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new BuildingClassificationResponse(buildingId, communityId.Value, type, assessed));
    }

    public static async Task<Results<Ok<UnitLedgerStatementResponse>, ProblemHttpResult>> Statement(Guid unitId, FundsDbContext db, CancellationToken ct)
    {
        var ledger = await db.UnitLedgers.AsNoTracking().FirstOrDefaultAsync(l => l.UnitId == unitId, ct);
        if (ledger is null)
        {
            return Problems.NotFound("unit");
        }

        var account = FundAccounts.UnitLedger(unitId);
        var lines = await (from line in db.JournalLines.IgnoreQueryFilters()
                           join transaction in db.JournalTransactions.IgnoreQueryFilters() on line.TransactionId equals transaction.Id
                           where line.Account == account
                           orderby transaction.Position
                           select new { transaction.Id, transaction.Kind, transaction.Description, transaction.OccurredOn, line.CreditFen, line.DebitFen })
            .ToListAsync(ct);
        var balance = 0L;
        var entries = lines.Select(l => new LedgerEntryResponse(l.Id, l.Kind, l.Description, l.OccurredOn, l.CreditFen, l.DebitFen, balance += l.CreditFen - l.DebitFen))
            .ToList();
        var demands = await db.TopUpDemands.IgnoreQueryFilters().AsNoTracking().Where(d => d.UnitId == unitId).OrderBy(d => d.DemandedAt)
            .Select(d => new TopUpDemandResponse(d.Id, d.BalanceFen, d.InitialDepositFen, d.DemandedFen, d.PaidFen, d.DemandedAt, d.SettledAt)).ToListAsync(ct);
        return TypedResults.Ok(new UnitLedgerStatementResponse(UnitLedgerResponse.From(ledger), entries, demands));
    }

    public static async Task<Results<Ok<Page<UnitLedgerResponse>>, ValidationProblem>> CommunityLedgers(
        Guid communityId, [AsParameters] PageQuery paging, FundsDbContext db, CancellationToken ct)
    {

        var query = db.UnitLedgers.AsNoTracking().Where(l => l.CommunityId == communityId);
        var total = await query.CountAsync(ct);
        var ledgers = await query.OrderBy(l => l.UnitId).Skip(paging.Skip).Take(paging.Take).ToListAsync(ct);
        return TypedResults.Ok(paging.Of(ledgers.Select(UnitLedgerResponse.From).ToList(), total));
    }

    public static async Task<Results<Ok<Page<DepositRateResponse>>, ValidationProblem>> PublishedRates(
        [AsParameters] PageQuery paging, FundsDbContext db, CancellationToken ct)
    {

        var total = await db.DepositRates.CountAsync(ct);
        var rates = await db.DepositRates.AsNoTracking().OrderByDescending(r => r.Year).ThenBy(r => r.BuildingType)
            .Skip(paging.Skip).Take(paging.Take).ToListAsync(ct);
        return TypedResults.Ok(paging.Of(rates.Select(Describe).ToList(), total));
    }

    private static DepositRateResponse Describe(DepositRate r) => new(r.Year, r.BuildingType, r.RateFenPerSquareMetre, r.SetAt);
}
