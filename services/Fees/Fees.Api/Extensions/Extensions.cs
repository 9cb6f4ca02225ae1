using Platform.BuildingBlocks.Checkpoints;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Fees.Api.Billing;
using Platform.Fees.Api.Disclosures;
using Platform.Fees.Api.Infrastructure;
using Platform.Contracts.Events;
using Platform.Fees.Api.Payments;
using Platform.Fees.Api.PublicIncome;
using Platform.Fees.Api.Standards;

namespace Platform.Fees.Api;

public static class FeesApi
{
    public const string ServiceName = "fees";
    public const string Prefix = $"/api/{ServiceName}/v1";

    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddPlatformService<FeesDbContext>(ServiceName,
            messaging => messaging
                .HandleRegistryEvents<FeesDbContext>()
                .Handle<ParkingRevenueRecorded, ParkingRevenueRecordedHandler>()
                .HandleCommitteeSeats<FeesDbContext>()
                .Handle<ResolutionPassed, ResolutionPassedHandler>(),
            new ChainLedger("payments", "payments", "unit_id", "position"),
            new ChainLedger("public-income", "public_income_entries", "community_id", "position"));

        builder.Services.AddScoped<PriceQualityReview>();
        builder.Services.AddScoped<IIntegrityCheck, FeeLedgerChains>();
        builder.Services.AddHostedService<PriceQualityReviewJob>();
    }

    public static void MapFeesApi(this WebApplication app)
    {
        app.MapRegistryReadModelApi(Prefix, Scopes.FeesRead);
        app.MapGroup(Prefix).WithRequestValidation(FeesText.Messages).MapStandardEndpoints().MapBillingEndpoints().MapUtilityChargeEndpoints().MapPaymentEndpoints().MapPublicIncomeEndpoints().MapDisclosureEndpoints();
        app.MapPublicApi(ServiceName).MapPublicStandards().MapPublicDisclosures();
        app.MapPublicCheckpoints(ServiceName);
    }
}
