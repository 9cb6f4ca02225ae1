using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Platform.Identity.Api.Tokens;

namespace Platform.Identity.Tests;

/// <summary>An OAuth 2.0 token response, success or error.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);

/// <summary>/connect/token as clients call it: a form post.</summary>
public static class TokenEndpointClient
{
    public static Task<(HttpStatusCode Status, TokenResponse Token)> ClientCredentials(this HttpClient http, string clientId, string secret, string? scope = null) =>
        Post(http, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }, scope);

    public static Task<(HttpStatusCode Status, TokenResponse Token)> OwnerSignIn(
        this HttpClient http, string phone, string code, string? scope = null, string clientId = IdentityPlatform.OwnersApp) =>
        Post(http, new Dictionary<string, string>
        {
            ["grant_type"] = OwnerSignInGrant.Type,
            ["client_id"] = clientId,
            ["phone"] = phone,
            ["code"] = code,
        }, scope);

    public static async Task<string> AccessToken(this Task<(HttpStatusCode Status, TokenResponse Token)> request)
    {
        var (status, token) = await request;
        Assert.True(status == HttpStatusCode.OK, $"no token: {(int)status} {token.Error} {token.ErrorDescription}");
        return token.AccessToken!;
    }

    private static async Task<(HttpStatusCode, TokenResponse)> Post(HttpClient http, Dictionary<string, string> form, string? scope)
    {
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<TokenResponse>())!);
    }
}
