using Platform.BuildingBlocks.Validation;
using Platform.Funds.Api.Journal;
using Platform.Funds.Domain.Ledgers;

namespace Platform.Funds.Api.Ledgers;

public sealed record SetDepositRateRequest(int? Year, BuildingType? BuildingType, long? RateFenPerSquareMetre) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) =>
        errors.InRange("year", Year, 2000, 2100).Defined("buildingType", BuildingType).InRange("rateFenPerSquareMetre", RateFenPerSquareMetre, 1L, 1_000_000L);
}

public sealed record ClassifyBuildingRequest(BuildingType? BuildingType) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.Defined("buildingType", BuildingType);
}

public sealed record DepositRateResponse(int Year, BuildingType BuildingType, long RateFenPerSquareMetre, DateTimeOffset SetAt);

/// <summary>A rate set and the waiting ledgers it assessed.</summary>
public sealed record SetDepositRateResponse(DepositRateResponse Rate, int LedgersAssessed);

public sealed record BuildingClassificationResponse(Guid BuildingId, Guid CommunityId, BuildingType Type, int LedgersAssessed);

public sealed record UnitLedgerResponse(
    Guid UnitId, Guid CommunityId, Guid BuildingId, decimal ExclusiveArea, BuildingType? RatedAs, long? RateFenPerSquareMetre, long? InitialDepositFen,
    long BalanceFen, DateTimeOffset OpenedAt)
{
    public static UnitLedgerResponse From(UnitLedger l) =>
        new(l.UnitId, l.CommunityId, l.BuildingId, l.ExclusiveArea, l.RatedAs, l.RateFenPerSquareMetre, l.InitialDepositFen, l.BalanceFen, l.OpenedAt);
}

/// <summary>One movement on a unit's ledger, with the balance after it.</summary>
public sealed record LedgerEntryResponse(Guid TransactionId, JournalKind Kind, string Description, DateOnly OccurredOn, long CreditFen, long DebitFen, long BalanceFen);

public sealed record TopUpDemandResponse(Guid Id, long BalanceFen, long InitialDepositFen, long DemandedFen, long PaidFen, DateTimeOffset DemandedAt, DateTimeOffset? SettledAt);

/// <summary>A unit's ledger statement (分户账): its deposit, every movement, and any top-up demanded.</summary>
public sealed record UnitLedgerStatementResponse(UnitLedgerResponse Ledger, IReadOnlyList<LedgerEntryResponse> Entries, IReadOnlyList<TopUpDemandResponse> TopUpDemands);
