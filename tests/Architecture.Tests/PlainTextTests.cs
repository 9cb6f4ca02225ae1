using System.Text.Json;
using Platform.BuildingBlocks.Validation;

namespace Platform.Architecture.Tests;

/// <summary>The platform's one rule for text and dates, without a server (the API tests are in EndToEnd.Tests).</summary>
public sealed class PlainTextTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new PlainTextJsonConverter(), new PlausibleDateJsonConverter(), new UtcInstantJsonConverter() },
    };

    private sealed record Sample(string? Name, DateOnly? On, DateTimeOffset? At = null);

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("\u0007")]
    [InlineData("\u007f")]
    [InlineData("\u009b")]
    public void Control_characters_are_not_text(string value) => Assert.False(PlainText.IsAllowed(value));

    [Fact]
    public void Unpaired_surrogates_are_not_text()
    {
        // In code, not as theory data: the test runner's serialization would replace them.
        Assert.False(PlainText.IsAllowed("x\ud800"));
        Assert.False(PlainText.IsAllowed("\udc00x"));
        Assert.False(PlainText.IsAllowed("\udc00\ud800"));
    }

    [Theory]
    [InlineData("第一行\n\t第二行\r\n")]
    [InlineData("粤B12345")]
    [InlineData("😀 emoji of two UTF-16 units")]
    public void Tabs_line_breaks_and_paired_surrogates_are_text(string value) => Assert.True(PlainText.IsAllowed(value));

    [Theory]
    [InlineData("\u200b")]
    [InlineData("\u202e\u202c ")]
    [InlineData("\ufeff\u2060\u3000")]
    public void A_name_of_invisible_characters_only_is_blank(string value) => Assert.True(PlainText.IsBlank(value));

    [Fact]
    public void A_name_with_one_visible_character_is_not_blank() => Assert.False(PlainText.IsBlank("\u200b王\u200b"));

    [Theory]
    [InlineData("""{"name":"a\u0000b"}""")]
    [InlineData("""{"name":"\ud800"}""")]
    public void A_JSON_string_with_a_control_character_is_refused_with_its_path(string json)
    {
        var refused = Assert.Throws<ControlCharacterException>(() => JsonSerializer.Deserialize<Sample>(json, Json));

        Assert.Equal("$.name", refused.Path);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1899-12-31")]
    [InlineData("2101-01-01")]
    public void A_JSON_date_outside_1900_to_2100_is_refused_with_its_path(string date)
    {
        var refused = Assert.Throws<ImplausibleDateException>(() => JsonSerializer.Deserialize<Sample>($$"""{"on":"{{date}}"}""", Json));

        Assert.Equal("$.on", refused.Path);
    }

    [Fact]
    public void Dates_at_the_ends_of_the_range_are_read() =>
        Assert.Equal(new DateOnly(2100, 12, 31), JsonSerializer.Deserialize<Sample>("""{"on":"2100-12-31"}""", Json)!.On);

    [Fact]
    public void A_JSON_instant_with_any_offset_is_read_as_the_same_instant_in_UTC()
    {
        var read = JsonSerializer.Deserialize<Sample>("""{"at":"2026-12-20T18:00:00+08:00"}""", Json)!.At!.Value;

        Assert.Equal((new DateTime(2026, 12, 20, 10, 0, 0), TimeSpan.Zero), (read.DateTime, read.Offset));
    }

    [Theory]
    [InlineData("0001-01-01T09:00:00+08:00")]
    [InlineData("1899-12-31T23:59:59Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    public void A_JSON_instant_outside_1900_to_2100_is_refused_with_its_path(string instant)
    {
        var refused = Assert.Throws<ImplausibleDateException>(() => JsonSerializer.Deserialize<Sample>($$"""{"at":"{{instant}}"}""", Json));

        Assert.Equal("$.at", refused.Path);
    }
}
