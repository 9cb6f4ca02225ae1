using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Registry;
using Platform.Contracts.Events;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Domain.Ledgers;

namespace Platform.Funds.Api.Ledgers;

/// <summary>
/// Opens a unit's ledger when the registry copy takes the unit in, in the same transaction, and assesses its initial
/// deposit when the rate for its class and year is known. A re-registration before assessment updates area and use.
/// </summary>
public sealed class UnitLedgerOpener(FundsDbContext db, TimeProvider time) : IUnitRegisteredFollowUp
{
    public async Task AfterAsync(RegistryUnit unit, CancellationToken cancellationToken)
    {
        var building = await db.BuildingClassifications.AsNoTracking().Where(b => b.BuildingId == unit.BuildingId)
            .Select(b => (BuildingType?)b.Type).FirstOrDefaultAsync(cancellationToken);
        var ledger = await db.UnitLedgers.IgnoreQueryFilters().FirstOrDefaultAsync(l => l.UnitId == unit.Id, cancellationToken);
        if (ledger is not null)
        {
            if (ledger.InitialDepositFen is null)
            {
                ledger.ExclusiveArea = unit.ExclusiveArea;
                ledger.Use = unit.Use;
                ledger.RatedAs = DepositRule.TypeOf(unit.Use, building);
                ledger.TryAssess(await RateFor(ledger, cancellationToken));
            }

            return;
        }

        var now = time.GetUtcNow();
        ledger = new UnitLedger
        {
            UnitId = unit.Id, CommunityId = unit.CommunityId, BuildingId = unit.BuildingId, ExclusiveArea = unit.ExclusiveArea, Use = unit.Use,
            RatedAs = DepositRule.TypeOf(unit.Use, building), OpenedAt = now,
        };
        ledger.TryAssess(await RateFor(ledger, cancellationToken));
        db.UnitLedgers.Add(ledger);
        db.AddIntegrationEvent(new FundLedgerOpened(ledger.UnitId, ledger.CommunityId, ledger.InitialDepositFen, now), now);
    }

    private Task<DepositRate?> RateFor(UnitLedger ledger, CancellationToken ct) =>
        db.DepositRates.AsNoTracking().FirstOrDefaultAsync(r => r.Year == ledger.OpenedAt.Year && r.BuildingType == ledger.RatedAs, ct);
}
