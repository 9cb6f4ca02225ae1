using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Platform.BuildingBlocks.Security;
using Platform.Identity.Api.Infrastructure;

namespace Platform.Identity.Api.Tokens;

/// <summary>
/// OpenIddict as the platform's token server: /connect/token with client credentials (departments and
/// partners) and the owner sign-in grant (owners' app). Access tokens are plain RS256-signed JWTs that
/// every service validates with the configured public keys (ADR-004); nothing is stored per token.
/// </summary>
public static class TokenServer
{
    public const string TokenPath = "/connect/token";
    public static readonly TimeSpan DefaultAccessTokenLifetime = TimeSpan.FromMinutes(15);

    public static WebApplicationBuilder AddTokenServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
            SigningKey.FromConfiguration(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>()));
        builder.Services.AddSingleton<ServiceTokens>();
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>().ReplaceDefaultEntities<Guid>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                server.AllowCustomFlow(OwnerSignInGrant.Type);
                // Unknown scopes are invalid_scope; which client may ask for which scope is the token endpoint's decision.
                server.RegisterScopes([.. Scopes.All]);
                server.IgnoreScopePermissions();
                server.DisableAccessTokenEncryption();
                // Revocation works at the client (its next request), not per token: no token or authorization rows.
                server.DisableTokenStorage();
                server.DisableAuthorizationStorage();
                // TLS ends at the ingress; the gateway and the service talk plain HTTP inside the cluster.
                server.UseAspNetCore().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        // The server pipeline (requests, responses, whole tokens) logs through this one logger: warnings and errors only.
        builder.Services.AddSingleton<ILogger<OpenIddictServerDispatcher>, WarningsOnlyLogger<OpenIddictServerDispatcher>>();
        // Keys, issuer and lifetime come from configuration when the options are built (test hosts override them).
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, TokenServerConfiguration>();
        return builder;
    }

    private sealed class TokenServerConfiguration(
        SigningKey key, IConfiguration configuration, IHostEnvironment environment, ILogger<TokenServerConfiguration> logger)
        : IConfigureOptions<OpenIddictServerOptions>
    {
        public void Configure(OpenIddictServerOptions options)
        {
            options.Issuer = new Uri(configuration["Auth:Issuer"] ?? AuthenticationExtensions.DefaultIssuer);
            options.AccessTokenLifetime = configuration.GetValue("Identity:AccessTokenLifetime", DefaultAccessTokenLifetime);
            options.SigningCredentials.Add(key.Credentials);
            options.EncryptionCredentials.Add(new EncryptingCredentials(key.EncryptionKey, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));

            var trusted = AuthenticationExtensions.ValidationParameters(configuration, environment).IssuerSigningKeys.Select(k => k.KeyId);
            if (!trusted.Contains(key.KeyId))
            {
                logger.LogWarning(
                    "The signing key {KeyId} is not among the public keys this service trusts (Auth:SigningKeys): " +
                    "services configured like it will refuse the tokens it issues", key.KeyId);
            }
        }
    }
}
