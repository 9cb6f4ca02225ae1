using Platform.BuildingBlocks.Messaging;
using Platform.Contracts.Events;
using Platform.Fees.Api.Infrastructure;

namespace Platform.Fees.Api.PublicIncome;

/// <summary>
/// Books temporary-parking income on owners-common spaces as the community's public income (Civil Code
/// art. 282); income on other spaces is the operator's and is not booked. Once per revenue id.
/// </summary>
public sealed class ParkingRevenueRecordedHandler(FeesDbContext db, TimeProvider time) : IIntegrationEventHandler<ParkingRevenueRecorded>
{
    public async Task Handle(ParkingRevenueRecorded revenue, CancellationToken cancellationToken)
    {
        if (!revenue.OnOwnersCommonSpaces || revenue.AmountFen <= 0)
        {
            return;
        }

        await PublicIncomeLedger.AppendAsync(db, revenue.CommunityId, PublicIncomeKind.Income, PublicIncomeSource.ParkingOnCommonSpaces,
            revenue.AmountFen, $"临时停车收入（停车场 {revenue.LotId}）", revenue.TakenOn, $"parking:{revenue.RevenueId}", "parking",
            time.GetUtcNow(), cancellationToken);
    }
}
