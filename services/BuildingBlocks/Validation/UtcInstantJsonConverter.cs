using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.BuildingBlocks.Validation;

/// <summary>
/// Every JSON instant a service reads: any offset is accepted and read as the same instant in UTC (so a handler and its
/// answer see one form, and the database's UTC convention is never the first to meet "+08:00"); an instant whose date
/// lies outside <see cref="PlausibleDates"/> is refused like such a date.
/// </summary>
public sealed class UtcInstantJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var instant))
        {
            throw new JsonException("Expected an instant as an ISO 8601 date and time with its offset.");
        }

        // Checked before the conversion: year 1 at +08:00 has no UTC form at all.
        return PlausibleDates.Contains(new DateOnly(instant.Year, instant.Month, instant.Day))
            ? instant.ToUniversalTime()
            : throw new ImplausibleDateException();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
