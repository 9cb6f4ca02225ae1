using Platform.AppHost;

// The local app host: five services and the gateway as projects on fixed ports, the dashboard at
// http://127.0.0.1:18888. Needs PLATFORM_POSTGRES, PLATFORM_RABBITMQ, PLATFORM_REDIS (./run.sh sets them);
// deploy/local/README.md lists the Aspire gotchas met here (no Docker, no developer certificate).
var builder = DistributedApplication.CreateBuilder(args);
var infrastructure = PlatformInfrastructure.FromConfiguration(builder.Configuration);

PlatformService[] services =
[
    builder.AddPlatformService<Projects.Governance_Api>(PlatformPorts.Governance, infrastructure),
    builder.AddPlatformService<Projects.Fees_Api>(PlatformPorts.Fees, infrastructure),
    builder.AddPlatformService<Projects.Funds_Api>(PlatformPorts.Funds, infrastructure),
    builder.AddPlatformService<Projects.Parking_Api>(PlatformPorts.Parking, infrastructure),
    builder.AddPlatformService<Projects.ElderCare_Api>(PlatformPorts.ElderCare, infrastructure),
];

builder.AddGateway<Projects.Gateway>(PlatformPorts.Gateway, services, infrastructure);

builder.Build().Run();
