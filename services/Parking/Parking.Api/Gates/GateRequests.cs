using Platform.BuildingBlocks.Validation;
using Platform.Parking.Api.Vehicles;

namespace Platform.Parking.Api.Gates;

/// <summary>An entry or exit seen by a gate's camera.</summary>
public sealed record GateEventRequest(string? GateId, string? Plate, GateDirection? Direction, DateTimeOffset? At) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Required("gateId", GateId, 50).Defined("direction", Direction).Plate("plate", Plate);
        if (At is null)
        {
            errors.Add("at", "error.required");
        }
    }
}

/// <summary>
/// What the gate does: "open" or "refuse", why (registered, visitor, already_inside, blacklisted, paid, free_period), the
/// session, the fee due at exit in fen, and whether this was a repeat of an event already decided (nothing written).
/// </summary>
public sealed record GateDecisionResponse(string Decision, string Reason, string Plate, Guid? SessionId, long FeeFen, bool Duplicate);

public sealed record OccupancyResponse(Guid LotId, long Occupied, int Capacity, string Source);
