using Platform.BuildingBlocks.Validation;

namespace Platform.Parking.Api.Vehicles;

public static class PlateValidation
{
    /// <summary>A licence plate field: required, and a plate once separators and case are set aside (<see cref="Domain.Plates.Plate"/>).</summary>
    public static ValidationErrors Plate(this ValidationErrors errors, string field, string? value) =>
        Domain.Plates.Plate.Normalize(value) is not null ? errors : errors.Add(field, string.IsNullOrWhiteSpace(value) ? "error.required" : "error.invalid_plate");
}
