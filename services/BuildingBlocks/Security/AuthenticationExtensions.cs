using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// Every host validates access tokens itself (defence in depth, DESIGN.md rule 5): RS256 JWTs from the
/// identity service, checked for type (<c>typ</c> <c>at+jwt</c>), issuer, audience, lifetime and signature against the
/// public keys in configuration ("Auth:SigningKeys", PEM; several during a rotation) or PLATFORM_AUTH_PUBLIC_KEY.
/// Deny by default: an endpoint without [AllowAnonymous] needs an authenticated caller.
/// </summary>
public static class AuthenticationExtensions
{
    public const string DefaultIssuer = "https://identity.platform.county.gov.cn/";
    public const string DefaultAudience = "platform-api";

    /// <summary>
    /// The header types of an access token (RFC 9068 §2.1, §4): identity issues "at+jwt"; any other JWT signed with the
    /// same key (an id token, a logout token, a plain "JWT") is not a credential for the APIs.
    /// </summary>
    public static readonly IReadOnlyList<string> AccessTokenTypes = ["at+jwt", "application/at+jwt"];

    public static WebApplicationBuilder AddPlatformAuthentication(this WebApplicationBuilder builder)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(CallerAccess)))
        {
            return builder;
        }

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CallerAccess>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.MapInboundClaims = false;
                options.RequireHttpsMetadata = false;
                options.TokenValidationParameters = ValidationParameters(configuration);
                options.Events = new JwtBearerEvents
                {
                    // A revoked client's tokens stop at once on every host, not at expiry.
                    OnTokenValidated = async context =>
                    {
                        var services = context.HttpContext.RequestServices;
                        var clientId = context.Principal?.FindFirst(PlatformClaims.ClientId)?.Value;
                        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RevokedClients));
                        if (await RevokedClients.IsRevokedAsync(services.GetService<IConnectionMultiplexer>(), clientId, logger))
                        {
                            context.Fail("The client was revoked.");
                        }
                    },
                };
            });
        builder.Services.AddSingleton<IAuthorizationPolicyProvider, ScopePolicyProvider>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    public static TokenValidationParameters ValidationParameters(IConfiguration configuration) => new()
    {
        ValidIssuer = configuration["Auth:Issuer"] ?? DefaultIssuer,
        ValidAudience = configuration["Auth:Audience"] ?? DefaultAudience,
        IssuerSigningKeys = SigningKeys(configuration),
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        ValidTypes = AccessTokenTypes,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = PlatformClaims.Subject,
    };

    private static List<SecurityKey> SigningKeys(IConfiguration configuration)
    {
        var pems = configuration.GetSection("Auth:SigningKeys").Get<string[]>()?.ToList() ?? [];
        if (configuration["PLATFORM_AUTH_PUBLIC_KEY"] is { Length: > 0 } fromEnvironment)
        {
            pems.Add(fromEnvironment);
        }

        if (pems.Count == 0)
        {
            throw new InvalidOperationException(
                "No token signing key configured: set Auth__SigningKeys__0 (PEM public key, Kubernetes secret) or PLATFORM_AUTH_PUBLIC_KEY " +
                "(./run.sh and ./test.sh set it).");
        }

        return pems.Select(pem =>
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return (SecurityKey)new RsaSecurityKey(rsa) { KeyId = KeyId(rsa) };
        }).ToList();
    }

    /// <summary>The key id the identity service writes in the token header: a hash of the public key.</summary>
    public static string KeyId(RSA rsa) =>
        Convert.ToHexString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16].ToLowerInvariant();
}
