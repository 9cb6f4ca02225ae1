using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.BuildingBlocks.Validation;

/// <summary>A JSON string held a character no text field may hold; the handler answers 400 naming the field.</summary>
public sealed class ControlCharacterException() : JsonException("The string holds a control character.");

/// <summary>A JSON date lay outside <see cref="PlausibleDates"/>; the handler answers 400 naming the field.</summary>
public sealed class ImplausibleDateException() : JsonException("The date is outside the plausible range.");

/// <summary>Every JSON string a service reads, in every field: refused when it holds a control character (<see cref="PlainText"/>).</summary>
public sealed class PlainTextJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string, found {reader.TokenType}.");
        }

        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // A \uD800 escape without its pair does not transcode to UTF-16.
            throw new ControlCharacterException();
        }

        return PlainText.IsAllowed(value) ? value : throw new ControlCharacterException();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// The range a business date may take (a bill's month, a deposit's day, a birth date): 1900-01-01 to 2100-12-31. Outside it
/// a date is a typing slip (year 1, year 9999), never a fact; rules may narrow it further.
/// </summary>
public static class PlausibleDates
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static bool Contains(DateOnly date) => date >= Earliest && date <= Latest;
}

/// <summary>Every JSON date (<c>yyyy-MM-dd</c>) a service reads: refused outside <see cref="PlausibleDates"/>.</summary>
public sealed class PlausibleDateJsonConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String
            || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new JsonException("Expected a date as yyyy-MM-dd.");
        }

        return PlausibleDates.Contains(date) ? date : throw new ImplausibleDateException();
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
