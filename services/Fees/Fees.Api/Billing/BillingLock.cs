using Platform.BuildingBlocks.Data;
using Platform.Fees.Api.Infrastructure;

namespace Platform.Fees.Api.Billing;

/// <summary>
/// One writer of a community's bills at a time — bill runs, fee standards, utility charges and adjustments — to the end
/// of the transaction, so a charge is never recorded for a month while its bills are being issued.
/// </summary>
public static class BillingLock
{
    public static Task AcquireAsync(FeesDbContext db, Guid communityId, CancellationToken ct) =>
        db.Database.AcquireAsync($"billing:{communityId}", ct);
}
