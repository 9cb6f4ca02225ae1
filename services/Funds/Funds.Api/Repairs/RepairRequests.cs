using Platform.BuildingBlocks.Validation;
using Platform.Funds.Api.Misuse;
using Platform.Funds.Domain.Repairs;

namespace Platform.Funds.Api.Repairs;

public sealed record ProposeRepairRequest(
    RepairTrack? Track, EmergencyCategory? EmergencyCategory, string? Title, string? Item, Guid[]? ScopeUnitIds, long? BudgetFen, Guid? ContractorId,
    string? ContractorName) : IValidatableRequest
{
    /// <summary>As many unit ids as fit the 1 MiB request limit of the gateway and the services, with room to spare.</summary>
    public const int MaxScopeUnits = 20_000;

    public void Validate(ValidationErrors errors)
    {
        errors.Defined("track", Track).Required("title", Title).Required("item", Item).InRange("budgetFen", BudgetFen, 1L, 100_000_000_000L)
            .RequiredId("contractorId", ContractorId).Required("contractorName", ContractorName);
        if (Track == RepairTrack.Emergency)
        {
            errors.Defined("emergencyCategory", EmergencyCategory);
        }

        if (ScopeUnitIds is null or { Length: 0 })
        {
            errors.Add("scopeUnitIds", "error.required");
        }
        else if (ScopeUnitIds.Length > MaxScopeUnits)
        {
            errors.Add("scopeUnitIds", "error.too_many_items", MaxScopeUnits);
        }
        else if (ScopeUnitIds.Distinct().Count() != ScopeUnitIds.Length)
        {
            errors.Add("scopeUnitIds", "error.duplicate");
        }
    }

    /// <summary>The validated request as the domain's proposal.</summary>
    public RepairProposal ToProposal() =>
        new(Track!.Value, EmergencyCategory, Title!, Item!, ScopeUnitIds!, BudgetFen!.Value, ContractorId!.Value, ContractorName!);
}

public sealed record DisburseRequest(long? AmountFen, string? BankReference) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.InRange("amountFen", AmountFen, 1L, 100_000_000_000L).Required("bankReference", BankReference, 100);
}

public sealed record SettleRepairRequest(long? FinalCostFen) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.InRange("finalCostFen", FinalCostFen, 1L, 100_000_000_000L);
}

public sealed record RepairProjectResponse(
    Guid Id, Guid CommunityId, RepairTrack Track, EmergencyCategory? EmergencyCategory, string Title, string Item, int ScopeUnits, long BudgetFen,
    Guid ContractorId, string ContractorName, RepairStatus Status, string VoteReference, DateOnly? PublicityEndsOn, DateTimeOffset? ApprovedAt,
    long DisbursedFen, DateTimeOffset? SettledAt)
{
    public static RepairProjectResponse From(RepairProject p) => new(p.Id, p.CommunityId, p.Track, p.EmergencyCategory, p.Title, p.Item, p.ScopeUnitIds.Length,
        p.BudgetFen, p.ContractorId, p.ContractorName, p.Status, p.Reference, p.PublicityEndsOn, p.ApprovedAt, p.DisbursedFen, p.SettledAt);
}

/// <summary>A unit's share of a project's disbursements (county departments only: per-unit detail).</summary>
public sealed record UnitShareResponse(Guid UnitId, long ChargedFen);

public sealed record RepairProjectDetailResponse(RepairProjectResponse Project, IReadOnlyList<UnitShareResponse>? UnitShares);

public sealed record DisbursementResponse(
    Guid TransactionId, Guid ProjectId, long AmountFen, int UnitsCharged, long DisbursedFen, string Rule, Guid DisbursementId);

/// <summary>A disbursement and where it stands: booked, awaiting Finance's countersignature, countersigned or refused.</summary>
public sealed record DisbursementStateResponse(
    Guid Id, Guid ProjectId, Guid CommunityId, long AmountFen, string BankReference, DisbursementStatus Status, long ThresholdFen,
    string RequestedBy, DateTimeOffset RequestedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? RefusalReason,
        Guid? TransactionId)
{
    public static DisbursementStateResponse From(Disbursement d) => new(d.Id, d.ProjectId, d.CommunityId, d.AmountFen, d.BankReference,
        d.Status, d.ThresholdFen, d.RequestedBy, d.RequestedAt, d.DecidedBy, d.DecidedAt, d.RefusalReason, d.TransactionId);
}

public sealed record RefuseCountersignatureRequest(string? Reason) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.Required("reason", Reason, 500);
}

public sealed record SetSecondSignatureThresholdRequest(long? ThresholdFen, DateOnly? EffectiveFrom) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.InRange("thresholdFen", ThresholdFen, 0L, 100_000_000_000L);
        if (EffectiveFrom is null)
        {
            errors.Add("effectiveFrom", "error.required");
        }
    }
}

public sealed record SecondSignatureThresholdResponse(long ThresholdFen, DateOnly EffectiveFrom, string SetBy, DateTimeOffset SetAt)
{
    public static SecondSignatureThresholdResponse From(SecondSignatureThreshold t) => new(t.ThresholdFen, t.EffectiveFrom, t.SetBy,
        t.SetAt);
}

/// <summary>The threshold in force today and every figure set, the latest effective first (later ones may be scheduled).</summary>
public sealed record SecondSignatureThresholdsResponse(SecondSignatureThresholdResponse InForce,
    IReadOnlyList<SecondSignatureThresholdResponse> History);

public sealed record DisbursementFilter(DisbursementStatus? Status, Guid? ProjectId, int Offset = 0, int Limit = 100);

public sealed record MisuseFlagResponse(Guid Id, Guid CommunityId, Guid? ProjectId, MisuseKind Kind, string Evidence, DateTimeOffset RaisedAt);
