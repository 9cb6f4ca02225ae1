using Platform.BuildingBlocks.Validation;
using Platform.Fees.Api.Payments;
using Platform.Fees.Domain.Billing;

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

public sealed record BillResponse(Guid Id, Guid UnitId, string Period, Guid PayerOwnerId, long AmountFen, DateTimeOffset IssuedAt, IReadOnlyList<BillItemResponse> Items)
{
    public static BillResponse From(Bill b) => new(b.Id, b.UnitId, b.Period, b.PayerOwnerId, b.AmountFen, b.IssuedAt,
        b.Items.OrderBy(i => i.Kind).Select(i => new BillItemResponse(i.Kind, i.AmountFen, i.Basis)).ToList());
}

/// <summary>A unit's account (分户账单): every bill and payment, what was billed, paid and is still owed.</summary>
public sealed record UnitStatementResponse(
    Guid UnitId, Guid CommunityId, long BilledFen, long PaidFen, long OwedFen, IReadOnlyList<BillResponse> Bills, IReadOnlyList<PaymentResponse> Payments);
