using Platform.BuildingBlocks.Checkpoints;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts.Events;
using Platform.Governance.Api.Committees;
using Platform.Governance.Api.Credit;
using Platform.Governance.Api.Grpc;
using Platform.Governance.Api.Infrastructure;
using Platform.Governance.Api.ProblemLists;
using Platform.Governance.Api.Registry;
using Platform.Governance.Api.StarLevels;
using Platform.Governance.Api.Voting;

namespace Platform.Governance.Api;

public static class GovernanceApi
{
    public const string ServiceName = "governance";
    public const string Prefix = $"/api/{ServiceName}/v1";

    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddPlatformService<GovernanceDbContext>(ServiceName,
            messaging => messaging
                .HandleIdempotent<BallotsSealed, BallotsSealedHandler>()
                .Handle<ResolutionPassed, CommitteeElectedHandler>(),
            new ChainLedger("ballots", "ballots", "proposal_id", "position"));

        builder.Services.AddSingleton<LiveTally>();
        builder.Services.AddScoped<ProposalOpener>();
        builder.Services.AddScoped<CommitteeSuccession>();
        builder.Services.AddOptions<VotingOptions>().BindConfiguration("Voting");
        builder.Services.AddSingleton(services => VotingWindowPolicy.FromConfiguration(
            services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>()));
        builder.Services.AddHostedService<VotingWindowPolicyAnnouncement>();
        builder.Services.AddHostedService<ProposalCloser>();
        builder.Services.AddHostedService<BallotSealer>();
        builder.Services.AddSingleton(services => OwnerIdentityHasher.FromConfiguration(services.GetRequiredService<IConfiguration>()));
        builder.Services.AddScoped<RegisterImport>();
        builder.Services.AddScoped<IIntegrityCheck, BallotChains>();
        builder.Services.AddScoped<OverduePenalties>();
        builder.Services.AddHostedService<OverdueProblemSweep>();
    }

    public static void MapGovernanceApi(this WebApplication app)
    {
        app.MapRegistryApi(Prefix).MapVotingEndpoints().MapStarLevelEndpoints().MapCommitteeEndpoints();
        app.MapCreditApi(Prefix);
        app.MapProblemListApi(Prefix);
        app.MapPublicApi(ServiceName).MapPublicVoteResults().MapPublicStarLevels().MapPublicRatingEndpoints();
        app.MapPublicCheckpoints(ServiceName);
        app.MapGrpcService<RegistryLookupService>();
    }
}
