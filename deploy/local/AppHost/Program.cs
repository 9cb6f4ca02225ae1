using Platform.AppHost;

// The local app host: six services and the gateway as projects on fixed ports, the dashboard at
// http://127.0.0.1:18888. Needs PLATFORM_POSTGRES, PLATFORM_RABBITMQ, PLATFORM_REDIS, the token signing key pair
// (PLATFORM_AUTH_PUBLIC_KEY, PLATFORM_AUTH_PRIVATE_KEY) and the local administrator's secret
// (PLATFORM_DEMO_ADMIN_SECRET): ./run.sh sets them all. deploy/local/README.md lists the Aspire gotchas met here
// (no Docker, no developer certificate).
var builder = DistributedApplication.CreateBuilder(args);
var infrastructure = PlatformInfrastructure.FromConfiguration(builder.Configuration);
var auth = PlatformAuth.FromConfiguration(builder.Configuration);

PlatformService[] services =
[
    builder.AddPlatformService<Projects.Governance_Api>(PlatformPorts.Governance, infrastructure, auth),
    builder.AddPlatformService<Projects.Fees_Api>(PlatformPorts.Fees, infrastructure, auth),
    builder.AddPlatformService<Projects.Funds_Api>(PlatformPorts.Funds, infrastructure, auth),
    builder.AddPlatformService<Projects.Parking_Api>(PlatformPorts.Parking, infrastructure, auth),
    builder.AddPlatformService<Projects.ElderCare_Api>(PlatformPorts.ElderCare, infrastructure, auth),
    builder.AddIdentityService<Projects.Identity_Api>(PlatformPorts.Identity, PlatformPorts.Governance, infrastructure, auth),
];

builder.AddGateway<Projects.Gateway>(PlatformPorts.Gateway, services, infrastructure, auth)
    .WithLoopbackProxyTrustedWhenTold(builder.Configuration);

builder.Build().Run();
