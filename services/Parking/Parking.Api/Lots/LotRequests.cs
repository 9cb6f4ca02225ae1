using Platform.BuildingBlocks.Validation;
using Platform.Parking.Domain.Spaces;

namespace Platform.Parking.Api.Lots;

public sealed record TariffRequest(int? FreeMinutes, long? FenPerHour, long? DailyCapFen) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) =>
        errors.InRange("freeMinutes", FreeMinutes, 0, 24 * 60).InRange("fenPerHour", FenPerHour, 0L, 100_000L).InRange("dailyCapFen", DailyCapFen, 0L, 1_000_000L);
}

public sealed record CreateLotRequest(
    string? Name, int? Capacity, Guid? OperatorId, SpaceOwnership? VisitorSpaceOwnership, TariffRequest? Tariff, int? DuplicateWindowSeconds) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Required("name", Name, 100).InRange("capacity", Capacity, 1, 100_000).Defined("visitorSpaceOwnership", VisitorSpaceOwnership);
        if (VisitorSpaceOwnership == SpaceOwnership.Uncertified)
        {
            errors.Add("visitorSpaceOwnership", "error.unknown_value");
        }

        if (OperatorId == Guid.Empty)
        {
            errors.Add("operatorId", "error.invalid_format");
        }

        if (DuplicateWindowSeconds is not null)
        {
            errors.InRange("duplicateWindowSeconds", DuplicateWindowSeconds, 1, 600);
        }

        errors.Nested("tariff", Tariff);
    }
}

public sealed record SetPriceCapsRequest(long? MaxSalePriceFen, long? MaxMonthlyRentFen, long? MaxFenPerHour, long? MaxDailyCapFen) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        Optional(errors, "maxSalePriceFen", MaxSalePriceFen, 100_000_000_00L);
        Optional(errors, "maxMonthlyRentFen", MaxMonthlyRentFen, 10_000_000L);
        Optional(errors, "maxFenPerHour", MaxFenPerHour, 100_000L);
        Optional(errors, "maxDailyCapFen", MaxDailyCapFen, 1_000_000L);
    }

    private static void Optional(ValidationErrors errors, string field, long? value, long max)
    {
        if (value is not null)
        {
            errors.InRange(field, value, 0L, max);
        }
    }
}

public sealed record TariffResponse(int FreeMinutes, long FenPerHour, long DailyCapFen);

public sealed record LotResponse(
    Guid Id, Guid CommunityId, string Name, int Capacity, Guid? OperatorId, SpaceOwnership VisitorSpaceOwnership, TariffResponse Tariff, int DuplicateWindowSeconds)
{
    public static LotResponse From(ParkingLot l) =>
        new(l.Id, l.CommunityId, l.Name, l.Capacity, l.OperatorId, l.VisitorSpaceOwnership, new TariffResponse(l.FreeMinutes, l.FenPerHour, l.DailyCapFen), l.DuplicateWindowSeconds);
}

public sealed record PriceCapsResponse(Guid CommunityId, long? MaxSalePriceFen, long? MaxMonthlyRentFen, long? MaxFenPerHour, long? MaxDailyCapFen, DateTimeOffset? SetAt)
{
    public static PriceCapsResponse From(Guid communityId, CommunityPriceCaps? c) =>
        new(communityId, c?.MaxSalePriceFen, c?.MaxMonthlyRentFen, c?.MaxFenPerHour, c?.MaxDailyCapFen, c?.SetAt);
}

/// <summary>Occupied space-hours over available space-hours in a window (the lot's capacity times its length).</summary>
public sealed record UtilisationResponse(Guid LotId, DateTimeOffset From, DateTimeOffset To, decimal OccupiedSpaceHours, decimal AvailableSpaceHours, decimal Utilisation);
