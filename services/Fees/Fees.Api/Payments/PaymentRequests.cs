using Platform.BuildingBlocks.Validation;

namespace Platform.Fees.Api.Payments;

public sealed record RecordPaymentRequest(long? AmountFen, PaymentMethod? Method, string? Reference, DateTimeOffset? PaidAt) : IValidatableRequest
{
    public const long MaxFen = 10_000_000_000;

    public void Validate(ValidationErrors errors)
    {
        errors.InRange("amountFen", AmountFen, 1L, MaxFen).Defined("method", Method).Required("reference", Reference, 100);
        if (PaidAt is { } paid && paid > errors.Calendar.Now.AddMinutes(5))
        {
            errors.Add("paidAt", "error.in_future");
        }
    }
}

/// <summary>A bank's or agent's collection file (代收批量入账): all of its payments are booked, or none.</summary>
public sealed record PaymentBatchRequest(IReadOnlyList<PaymentBatchLine>? Payments) : IValidatableRequest
{
    public const int MaxPayments = 500;

    public void Validate(ValidationErrors errors)
    {
        if (Payments is null or { Count: 0 })
        {
            errors.Add("payments", "error.required");
            return;
        }

        if (Payments.Count > MaxPayments)
        {
            errors.Add("payments", "error.too_many_items", MaxPayments);
            return;
        }

        for (var i = 0; i < Payments.Count; i++)
        {
            var line = Payments[i];
            var lineErrors = new ValidationErrors().RequiredId("unitId", line?.UnitId);
            line?.ToRequest().Validate(lineErrors);
            errors.AddRange($"payments[{i}]", lineErrors);
        }
    }
}

public sealed record PaymentBatchLine(Guid? UnitId, long? AmountFen, PaymentMethod? Method, string? Reference, DateTimeOffset? PaidAt)
{
    public RecordPaymentRequest ToRequest() => new(AmountFen, Method, Reference, PaidAt);
}

public sealed record ReversePaymentRequest(string? Reason) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.Required("reason", Reason, 100);
}

public sealed record AllocationResponse(Guid BillId, long AmountFen);

public sealed record PaymentResponse(
    Guid Id, Guid UnitId, long AmountFen, PaymentMethod Method, string Reference, Guid? ReversesPaymentId, DateTimeOffset PaidAt,
    long Position, string Hash, IReadOnlyList<AllocationResponse> Allocations)
{
    public static PaymentResponse From(Payment p) => new(p.Id, p.UnitId, p.AmountFen, p.Method, p.Reference, p.ReversesPaymentId, p.PaidAt,
        p.Position, p.Hash, p.Allocations.Select(a => new AllocationResponse(a.BillId, a.AmountFen)).ToList());
}

/// <summary>A unit in arrears: what it owes and since which month. Never a lever on water, power or gas (Civil Code art. 944).</summary>
public sealed record ArrearsResponse(Guid UnitId, long OwedFen, string OldestUnpaidPeriod, int UnpaidBills);
