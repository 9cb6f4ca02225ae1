using Platform.BuildingBlocks.Validation;
using Platform.Fees.Api.Payments;
using Platform.Fees.Domain.Billing;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Fees.Api.Billing;

public sealed record StartBillRunRequest(string? Period) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (!BillingPeriod.TryParse(Period, out _))
        {
            errors.Add("period", "error.period_format");
        }
    }
}

public sealed record BillRunResponse(Guid Id, Guid CommunityId, string Period, int BillsCreated, long AmountFen, DateTimeOffset StartedAt);

public sealed record BillItemResponse(BillItemKind Kind, long AmountFen, string Basis);

public sealed record BillAdjustmentResponse(Guid Id, BillItemKind Kind, long AmountFen, Guid FeeStandardId, string Basis, DateTimeOffset AdjustedAt);

/// <summary>A bill as issued, its adjustments since, and what it asks now (<c>DueFen</c>).</summary>
public sealed record BillResponse(
    Guid Id, Guid UnitId, string Period, Guid PayerOwnerId, long AmountFen, DateTimeOffset IssuedAt, IReadOnlyList<BillItemResponse> Items,
    IReadOnlyList<BillAdjustmentResponse> Adjustments, long DueFen)
{
    public static BillResponse From(Bill b, IEnumerable<BillAdjustment> adjustments)
    {
        var own = adjustments.Where(a => a.BillId == b.Id).OrderBy(a => a.AdjustedAt)
            .Select(a => new BillAdjustmentResponse(a.Id, a.Kind, a.AmountFen, a.FeeStandardId, a.Basis, a.AdjustedAt)).ToList();
        return new(b.Id, b.UnitId, b.Period, b.PayerOwnerId, b.AmountFen, b.IssuedAt,
            b.Items.OrderBy(i => i.Kind).Select(i => new BillItemResponse(i.Kind, i.AmountFen, i.Basis)).ToList(), own, b.AmountFen + own.Sum(a => a.AmountFen));
    }
}

/// <summary>
/// A unit's account (分户账单): every bill and payment, what was billed, adjusted since, paid and is still owed
/// (negative when adjustments left the account in credit).
/// </summary>
public sealed record UnitStatementResponse(
    Guid UnitId, Guid CommunityId, long BilledFen, long AdjustedFen, long PaidFen, long OwedFen, IReadOnlyList<BillResponse> Bills,
    IReadOnlyList<PaymentResponse> Payments);
