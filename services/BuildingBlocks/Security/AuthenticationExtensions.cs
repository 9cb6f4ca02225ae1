using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// Every host validates access tokens itself (defence in depth, design.md rule 5): RS256 JWTs from the
/// identity service, checked for type (<c>typ</c> <c>at+jwt</c>), issuer, audience, lifetime and signature against the
/// public keys in configuration ("Auth:SigningKeys", PEM; several during a rotation), or in Development PLATFORM_AUTH_PUBLIC_KEY.
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
        builder.Services.AddSingleton(services => RevokedClients.FromConfiguration(services.GetRequiredService<IConfiguration>()));
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IConfiguration, IHostEnvironment>((options, configuration, environment) =>
            {
                options.MapInboundClaims = false;
                options.RequireHttpsMetadata = false;
                options.TokenValidationParameters = ValidationParameters(configuration, environment);
                options.Events = new JwtBearerEvents
                {
                    // A revoked client's tokens stop at once on every host, not at expiry.
                    OnTokenValidated = async context =>
                    {
                        var principal = context.Principal!;
                        // Identity mints platform-service tokens for itself (five minutes); no client record to revoke.
                        if (principal.FindFirst(PlatformClaims.OrganisationType)?.Value == OrganisationTypes.PlatformService
                            || principal.FindFirst(PlatformClaims.ClientId)?.Value is not { } clientId)
                        {
                            return;
                        }

                        var services = context.HttpContext.RequestServices;
                        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<RevokedClients>();
                        var status = await services.GetRequiredService<RevokedClients>()
                            .CheckAsync(services.GetService<IConnectionMultiplexer>(), clientId, logger);
                        if (status == RevocationStatus.Revoked)
                        {
                            context.Fail("The client was revoked.");
                        }
                        else if (status == RevocationStatus.Unknown)
                        {
                            RevocationCheck.MarkUnknown(context.HttpContext);
                        }
                    },
                };
            })
            // Built at start, not at the first request: a host without keys it may use stops with the reason.
            .ValidateOnStart();
        builder.Services.AddSingleton<IAuthorizationPolicyProvider, ScopePolicyProvider>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>The development key pair's public key, exported by ./run.sh and the Aspire app host: read in Development only.</summary>
    public const string DevelopmentPublicKeyVariable = "PLATFORM_AUTH_PUBLIC_KEY";

    public static TokenValidationParameters ValidationParameters(IConfiguration configuration, IHostEnvironment environment) => new()
    {
        ValidIssuer = configuration["Auth:Issuer"] ?? DefaultIssuer,
        ValidAudience = configuration["Auth:Audience"] ?? DefaultAudience,
        IssuerSigningKeys = SigningKeys(configuration, environment),
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

    private static List<SecurityKey> SigningKeys(IConfiguration configuration, IHostEnvironment environment)
    {
        // An empty entry (a Secret key left blank) is no key.
        var pems = (configuration.GetSection("Auth:SigningKeys").Get<string[]>() ?? [])
            .Where(pem => !string.IsNullOrWhiteSpace(pem))
            .ToList();
        var development = configuration[DevelopmentPublicKeyVariable] is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        if (development is not null && environment.IsDevelopment())
        {
            pems.Add(development);
        }

        if (pems.Count == 0)
        {
            throw new InvalidOperationException(development is null
                ? "No token signing key configured: set Auth__SigningKeys__0 (PEM public key, Kubernetes secret); in Development " +
                  $"{DevelopmentPublicKeyVariable} will do (./run.sh sets it)."
                : $"{DevelopmentPublicKeyVariable} holds the development key (./run.sh, /var/tmp/platform-dev-keys) and is read only in " +
                  $"Development, not in {environment.EnvironmentName}: set Auth__SigningKeys__0 (PEM public key) from a Kubernetes " +
                  "secret.");
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
