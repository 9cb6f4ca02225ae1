using Platform.BuildingBlocks.Checkpoints;
using Platform.BuildingBlocks.Caching;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.Funds.Api.Deposits;
using Platform.Funds.Api.Disclosures;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Api.Journal;
using Platform.Funds.Api.Ledgers;
using Platform.Funds.Api.Misuse;
using Platform.Funds.Api.Reconciliation;
using Platform.Funds.Api.Repairs;

namespace Platform.Funds.Api.Extensions;

public static class Extensions
{
    public const string ServiceName = "funds";
    public const string ApiPrefix = "/api/funds/v1";

    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);
        builder.AddServiceDatabase<FundsDbContext>(ServiceName);
        builder.AddMessaging<FundsDbContext>(ServiceName, messaging => messaging
            .HandleRegistryEvents<FundsDbContext>()
            .HandleCommitteeSeats<FundsDbContext>()
            .Handle<PublicIncomeTransferredToFund, PublicIncomeTransferredHandler>()
            .Handle<ResolutionPassed, RepairResolutionPassedHandler>()
            .Handle<ResolutionRejected, RepairResolutionRejectedHandler>()
            .Handle<PropertyCompanyBlacklisted, ContractorBlacklistedHandler>());
        builder.AddRedis();
        builder.Services.AddScoped<IUnitRegisteredFollowUp, UnitLedgerOpener>();
        builder.Services.AddScoped<FundJournal>();
        builder.Services.AddScoped<FundInvariants>();
        builder.Services.AddScoped<MisuseFlags>();
        builder.Services.AddScoped<RepairPayments>();
        builder.Services.AddScoped<LateFundDisclosureReview>();
        builder.Services.AddHostedService<LateFundDisclosureJob>();
        builder.Services.AddScoped<IIntegrityCheck>(services => services.GetRequiredService<FundInvariants>());
        builder.Services.AddChainLedger(new ChainLedger("fund-journal", "journal_transactions", "community_id", "position"));
    }

    public static void MapFundsApi(this WebApplication app)
    {
        app.MapRegistryReadModelApi(ApiPrefix, Scopes.FundsRead);
        app.MapGroup(ApiPrefix).WithRequestValidation(FundsText.Messages).MapLedgerEndpoints().MapDepositEndpoints().MapJournalEndpoints()
            .MapInterestAndSpreadEndpoints().MapRepairEndpoints().MapDisbursementEndpoints().MapFundDisclosureEndpoints()
            .MapReconciliationEndpoints();
        app.MapPublicApi(ServiceName).MapPublicLedgers().MapPublicRepairs().MapPublicFundDisclosures();
        app.MapPublicCheckpoints(ServiceName);
    }
}
