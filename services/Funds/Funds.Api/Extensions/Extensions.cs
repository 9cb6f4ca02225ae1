using Platform.BuildingBlocks.Checkpoints;
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

namespace Platform.Funds.Api;

public static class FundsApi
{
    public const string ServiceName = "funds";
    public const string Prefix = $"/api/{ServiceName}/v1";

    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddPlatformService<FundsDbContext>(ServiceName,
            messaging => messaging
                .HandleRegistryEvents<FundsDbContext>()
                .HandleCommitteeSeats<FundsDbContext>()
                .Handle<PublicIncomeTransferredToFund, PublicIncomeTransferredHandler>()
                .Handle<ResolutionPassed, RepairResolutionPassedHandler>()
                .Handle<ResolutionRejected, RepairResolutionRejectedHandler>()
                .Handle<PropertyCompanyBlacklisted, ContractorBlacklistedHandler>(),
            new ChainLedger("fund-journal", "journal_transactions", "community_id", "position"));

        builder.Services.AddScoped<IUnitRegisteredFollowUp, UnitLedgerOpener>();
        builder.Services.AddScoped<FundJournal>();
        builder.Services.AddScoped<FundInvariants>();
        builder.Services.AddScoped<MisuseFlagRaiser>();
        builder.Services.AddScoped<RepairPayments>();
        builder.Services.AddScoped<LateFundDisclosureReview>();
        builder.Services.AddHostedService<LateFundDisclosureJob>();
        builder.Services.AddScoped<IIntegrityCheck>(services => services.GetRequiredService<FundInvariants>());
    }

    public static void MapFundsApi(this WebApplication app)
    {
        app.MapRegistryReadModelApi(Prefix, Scopes.FundsRead);
        app.MapGroup(Prefix).WithRequestValidation(FundsText.Messages).MapLedgerEndpoints().MapDepositEndpoints().MapJournalEndpoints()
            .MapInterestAndSpreadEndpoints().MapRepairEndpoints().MapDisbursementEndpoints().MapFundDisclosureEndpoints()
            .MapReconciliationEndpoints();
        app.MapPublicApi(ServiceName).MapPublicLedgers().MapPublicRepairs().MapPublicFundDisclosures();
        app.MapPublicCheckpoints(ServiceName);
    }
}
