namespace Platform.Identity.Api.Tokens;

/// <summary>The custom grant owners' apps use at /connect/token: a phone number and the one-time code sent to it.</summary>
public static class OwnerSignInGrant
{
    public const string Type = "urn:platform:params:oauth:grant-type:owner-otp";
    public const string PhoneParameter = "phone";
    public const string CodeParameter = "code";
}
