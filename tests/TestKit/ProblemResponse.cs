using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.TestKit;

/// <summary>An RFC 9457 problem as a client reads it.</summary>
public sealed record ProblemResponse(string? Type, string? Title, int? Status, string? Detail, Dictionary<string, string[]>? Errors)
{
    public static async Task<ProblemResponse> ReadAsync(HttpResponseMessage response)
    {
        Xunit.Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemResponse>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }
}
