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
            // Also an instant before year 1 in UTC (0001-01-01T00:00+08:00): malformed, still a 400 naming the field.
            throw new JsonException("Expected an instant as an ISO 8601 date and time with its offset.");
        }

        var utc = instant.ToUniversalTime();
        return PlausibleDates.Contains(new DateOnly(utc.Year, utc.Month, utc.Day)) ? utc : throw new ImplausibleDateException();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
