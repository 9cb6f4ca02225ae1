using Grpc.Core;
using Grpc.Net.Client.Configuration;
using Platform.BuildingBlocks.Checkpoints;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Registry;
using Platform.Contracts.Events;
using Platform.Contracts.Governance.V1;
using Platform.Identity.Api.Clients;
using Platform.Identity.Api.Infrastructure;
using Platform.Identity.Api.OwnerSignIn;
using Platform.Identity.Api.Tokens;

namespace Platform.Identity.Api;

public static class IdentityApi
{
    public const string ServiceName = "identity";
    public const string Prefix = $"/api/{ServiceName}/v1";

    /// <summary>Where governance's gRPC port is (owners are found by phone there).</summary>
    public const string GovernanceGrpcAddress = "Services:Governance:Grpc";

    /// <summary>"log" (Development only) writes owners' sign-in codes to the log; otherwise a sender must be registered.</summary>
    public const string OneTimeCodeSender = "Identity:OneTimeCodes:Sender";

    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddPlatformService<IdentityDbContext>(ServiceName, messaging => messaging
            .HandleRegistryEvents<IdentityDbContext>()
            .Handle<ClientRevoked, ClientRevokedHandler>());
        builder.AddTokenServer();

        builder.Services.AddOptions<IdentityOptions>().BindConfiguration("Identity");
        builder.Services.AddScoped<ClientRegistrar>();
        builder.Services.AddHostedService<BootstrapClientsInitializer>();
        builder.Services.AddHostedService<RevocationRepublisher>();

        builder.Services.AddScoped<OwnerSignInCodes>();
        builder.Services.AddKeyedSingleton<OutboxSignal>(OwnerSignInCodes.SignalKey);
        builder.Services.AddHostedService<OwnerSignInCodeDispatcher>();
        builder.Services.AddOptions<OwnerSignInOptions>().BindConfiguration("Identity:OwnerSignIn");
        builder.Services.AddSingleton<ClientAddresses>();
        builder.AddGovernanceOwnerDirectory();
        builder.AddOneTimeCodeSender();

        // Beyond the token pipeline (TokenServer), OpenIddict's stores and managers stay quiet below Warning by default too.
        builder.Logging.AddFilter("OpenIddict", LogLevel.Warning);
    }

    public static void MapIdentityApi(this WebApplication app)
    {
        app.MapTokenEndpoint();
        app.MapClientEndpoints(Prefix);
        app.MapOwnerSignInEndpoints(Prefix);
        app.MapRegistryReadModelApi(Prefix, Platform.BuildingBlocks.Security.Scopes.IdentityAdmin);
        app.MapPublicCheckpoints(ServiceName);
    }

    private static void AddGovernanceOwnerDirectory(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IOwnerDirectory, GovernanceOwnerDirectory>();
        builder.Services
            .AddGrpcClient<RegistryLookup.RegistryLookupClient>((services, options) =>
            {
                var address = services.GetRequiredService<IConfiguration>()[GovernanceGrpcAddress]
                    ?? throw new InvalidOperationException($"{GovernanceGrpcAddress} is not set: the address of governance's gRPC port (e.g. http://governance:8081).");
                options.Address = new Uri(address);
            })
            .AddCallCredentials((_, metadata, services) =>
            {
                metadata.Add("Authorization", $"Bearer {services.GetRequiredService<ServiceTokens>().Current()}");
                return Task.CompletedTask;
            })
            .ConfigureChannel(channel =>
            {
                // Plain HTTP/2 inside the cluster; the token still travels with every call.
                channel.UnsafeUseInsecureChannelCallCredentials = true;
                // A look-up is idempotent: retry a lost connection, briefly.
                channel.ServiceConfig = new ServiceConfig
                {
                    MethodConfigs =
                    {
                        new MethodConfig
                        {
                            Names = { MethodName.Default },
                            RetryPolicy = new RetryPolicy
                            {
                                MaxAttempts = 3,
                                InitialBackoff = TimeSpan.FromMilliseconds(200),
                                MaxBackoff = TimeSpan.FromSeconds(1),
                                BackoffMultiplier = 2,
                                RetryableStatusCodes = { StatusCode.Unavailable },
                            },
                        },
                    },
                };
            });
    }

    /// <summary>Reads configuration now, not lazily: it decides which services exist, and a wrong choice must stop the start.</summary>
    private static void AddOneTimeCodeSender(this WebApplicationBuilder builder)
    {
        switch (builder.Configuration[OneTimeCodeSender])
        {
            case null or "":
                // Tests and deployments register their own IOneTimeCodeSender; without one, code requests answer 503.
                return;
            case LoggingOneTimeCodeSender.ConfigurationValue when builder.Environment.IsDevelopment():
                builder.Services.AddSingleton<IOneTimeCodeSender, LoggingOneTimeCodeSender>();
                return;
            case LoggingOneTimeCodeSender.ConfigurationValue:
                throw new InvalidOperationException(
                    $"{OneTimeCodeSender} = log writes owners' sign-in codes to the log: allowed in Development only, not in {builder.Environment.EnvironmentName}.");
            case var other:
                throw new InvalidOperationException($"{OneTimeCodeSender} = {other} is not a known sender (only \"log\", in Development).");
        }
    }
}
